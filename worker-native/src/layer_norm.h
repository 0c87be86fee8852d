// LayerNormalization over the last axis: x is viewed as (rows, d) with rows = N * (every axis but the
// last); each row is normalised with its own mean and BIASED variance (as Keras 3 and TF.js):
//   y = (x - mean) * inv_std * gamma + beta,   inv_std = 1 / sqrt(var + eps)
// Rows are independent, so there are no moving statistics and training equals inference.
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct LayerNormParams {
  int64_t rows = 0;  // N * positions
  int features = 0;  // d, the last axis
  float epsilon = 1e-3f;
};

// x (rows, d); gamma, beta (d) or null (scale=false -> 1, center=false -> 0) -> y (rows, d).
// Saves mean and inv_std (rows) for backward. y must not alias x (backward reads x).
void layer_norm_forward(const LayerNormParams& p, const float* x, const float* gamma, const float* beta, float* y,
                        float* mean, float* inv_std, ThreadPool* pool = nullptr);

// dy (rows, d) -> dx += (rows, d) when dx is not null; dgamma, dbeta (d) OVERWRITTEN when not null.
//   dx = inv_std * (g - mean(g) - xhat * mean(g * xhat)),  g = dy * gamma, xhat = (x - mean) * inv_std
void layer_norm_backward(const LayerNormParams& p, const float* x, const float* gamma, const float* mean,
                         const float* inv_std, const float* dy, float* dx, float* dgamma, float* dbeta,
                         ThreadPool* pool = nullptr);

} // namespace kernels
} // namespace layerwise
