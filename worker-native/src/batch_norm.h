// BatchNormalization over the last axis (channels): x is viewed as (rows, C) with rows = N*H*W.
// Training: normalise with the batch mean and BIASED batch variance (as Keras); moving statistics
//   moving = moving * momentum + batch * (1 - momentum), with the BIASED batch variance by default
//   (Keras 3 and TF.js layers do this); set unbiased_moving_variance for the n/(n-1) correction that
//   TF's fused kernel applies.
// Inference: normalise with the moving statistics.
// Reductions use double accumulators over a fixed number of row chunks, so results do not depend on
// the thread count.
#pragma once
#include <cstddef>
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct BatchNormParams {
  int64_t rows = 0;  // N*H*W
  int channels = 0;  // C
  float epsilon = 1e-3f;
  float momentum = 0.99f;
  bool unbiased_moving_variance = false;
};

/** Floats of scratch the training forward/backward need (independent of the thread count). */
size_t batch_norm_scratch_size(const BatchNormParams& p);

// x (rows,C); gamma, beta (C) or null (scale=false -> 1, center=false -> 0) -> y (rows,C) (may alias x).
// Saves batch_mean, batch_inv_std (C) for backward: inv_std = 1/sqrt(var + eps).
// moving_mean, moving_var (C) updated in place (null to skip).
void batch_norm_forward_training(const BatchNormParams& p, const float* x, const float* gamma, const float* beta,
                                 float* y, float* batch_mean, float* batch_inv_std, float* moving_mean,
                                 float* moving_var, float* scratch, ThreadPool* pool = nullptr);

// y = gamma * (x - moving_mean) / sqrt(moving_var + eps) + beta. y may alias x.
void batch_norm_forward_inference(const BatchNormParams& p, const float* x, const float* gamma, const float* beta,
                                  const float* moving_mean, const float* moving_var, float* y,
                                  ThreadPool* pool = nullptr);

// Training-mode backward. x forward input (NOT aliased by y in forward if you need this), batch_mean /
// batch_inv_std from the forward. dx (rows,C) += ... (ACCUMULATES; null to skip);
// dgamma, dbeta (C) overwritten (null to skip).
void batch_norm_backward_training(const BatchNormParams& p, const float* x, const float* gamma,
                                  const float* batch_mean, const float* batch_inv_std, const float* dy, float* dx,
                                  float* dgamma, float* dbeta, float* scratch, ThreadPool* pool = nullptr);

// Inference-mode backward (moving stats are constants). dx += ; dgamma, dbeta overwritten.
void batch_norm_backward_inference(const BatchNormParams& p, const float* x, const float* gamma,
                                   const float* moving_mean, const float* moving_var, const float* dy, float* dx,
                                   float* dgamma, float* dbeta, float* scratch, ThreadPool* pool = nullptr);

}  // namespace kernels
}  // namespace layerwise
