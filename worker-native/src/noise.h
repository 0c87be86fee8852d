// The random regularization layers' kernels, with the counter-based RNG of dropout.h: every random
// value is a pure function of (key, index), so backward recomputes forward's mask or noise instead of
// storing it, and results never depend on the thread count. `key` is random_key(...) of the caller's
// seed and stream (one per layer and training step).
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

/** SpatialDropout2D on NHWC: x and y (batch, spatial, channels), spatial = H * W. */
struct SpatialDropoutParams {
  int64_t batch = 0, spatial = 0, channels = 0;
  float rate = 0.0f; // in [0, 1)
  uint64_t key = 0;
};

/** Whether channel c of sample b is kept: uniform(key, b * channels + c) >= rate. */
bool spatial_dropout_keep(const SpatialDropoutParams& p, int64_t b, int64_t c);
// y[b, s, c] = x[b, s, c] * keep(b, c) / (1 - rate): a dropped channel is zero at every position.
void spatial_dropout_forward(const SpatialDropoutParams& p, const float* x, float* y, ThreadPool* pool = nullptr);
// dx[b, s, c] += dy[b, s, c] * keep(b, c) / (1 - rate)  (ACCUMULATES)
void spatial_dropout_backward(const SpatialDropoutParams& p, const float* dy, float* dx, ThreadPool* pool = nullptr);

// GaussianNoise: y[i] = x[i] + stddev * normal(key, i) over `size` values. Its gradient is the identity.
void gaussian_noise_forward(int64_t size, float stddev, uint64_t key, const float* x, float* y, ThreadPool* pool = nullptr);

}  // namespace kernels
}  // namespace layerwise
