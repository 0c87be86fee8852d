#include "noise.h"

#include "random.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {
constexpr int64_t kGrain = 16384;

// One scale per (sample, channel): 0 when dropped, 1 / (1 - rate) when kept; `apply(i, scale)` runs for
// every value i of sample rows [b0, b1).
template <class F>
void for_each_kept(const SpatialDropoutParams& p, ThreadPool* pool, F apply) {
  const float scale = 1.0f / (1.0f - p.rate);
  const int64_t row = p.spatial * p.channels;
  parallel_for(pool, p.batch, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b)
      for (int64_t c = 0; c < p.channels; ++c) {
        const float s = spatial_dropout_keep(p, b, c) ? scale : 0.0f;
        for (int64_t at = 0; at < p.spatial; ++at) apply(b * row + at * p.channels + c, s);
      }
  }, row > 0 ? (kGrain + row - 1) / row : 1);
}
}  // namespace

bool spatial_dropout_keep(const SpatialDropoutParams& p, int64_t b, int64_t c) {
  return random_uniform(p.key, static_cast<uint64_t>(b * p.channels + c)) >= p.rate;
}

void spatial_dropout_forward(const SpatialDropoutParams& p, const float* x, float* y, ThreadPool* pool) {
  for_each_kept(p, pool, [&](int64_t i, float s) { y[i] = x[i] * s; });
}

void spatial_dropout_backward(const SpatialDropoutParams& p, const float* dy, float* dx, ThreadPool* pool) {
  for_each_kept(p, pool, [&](int64_t i, float s) { dx[i] += dy[i] * s; });
}

void gaussian_noise_forward(int64_t size, float stddev, uint64_t key, const float* x, float* y, ThreadPool* pool) {
  parallel_for(pool, size, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      y[i] = x[i] + stddev * static_cast<float>(random_normal(key, static_cast<uint64_t>(i)));
  }, kGrain);
}

}  // namespace kernels
}  // namespace layerwise
