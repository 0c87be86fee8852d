#include "dropout.h"

#include <algorithm>

#include "random.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {
constexpr int64_t kGrain = 16384;
}

bool dropout_keep(const DropoutParams& p, int64_t i) {
  return random_uniform(random_key(p.seed, p.step), static_cast<uint64_t>(i)) >= p.rate;
}

void dropout_forward(const DropoutParams& p, const float* x, float* y, ThreadPool* pool) {
  if (p.rate <= 0.0f) {
    if (x != y) std::copy(x, x + p.size, y);
    return;
  }
  if (p.rate >= 1.0f) {
    std::fill(y, y + p.size, 0.0f);
    return;
  }
  const uint64_t key = random_key(p.seed, p.step);
  const float scale = 1.0f / (1.0f - p.rate), rate = p.rate;
  parallel_for(pool, p.size, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      y[i] = random_uniform(key, static_cast<uint64_t>(i)) >= rate ? x[i] * scale : 0.0f;
  }, kGrain);
}

void dropout_backward(const DropoutParams& p, const float* dy, float* dx, ThreadPool* pool) {
  if (p.rate <= 0.0f) {
    for (int64_t i = 0; i < p.size; ++i) dx[i] += dy[i];
    return;
  }
  if (p.rate >= 1.0f) return;
  const uint64_t key = random_key(p.seed, p.step);
  const float scale = 1.0f / (1.0f - p.rate), rate = p.rate;
  parallel_for(pool, p.size, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      if (random_uniform(key, static_cast<uint64_t>(i)) >= rate) dx[i] += dy[i] * scale;
  }, kGrain);
}

}  // namespace kernels
}  // namespace layerwise
