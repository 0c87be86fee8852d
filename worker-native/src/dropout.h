// Inverted dropout with a counter-based RNG: element i of call `step` is kept iff
// random_uniform(random_key(seed, step), i) >= rate, and kept values are scaled by 1 / (1 - rate).
// The mask is recomputed in backward (no mask buffer) and never depends on the thread count.
// Use a distinct step per training step (and per dropout layer, e.g. step * n_layers + layer).
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct DropoutParams {
  int64_t size = 0;  // elements (whole batch)
  float rate = 0.0f; // in [0, 1); rate >= 1 drops everything
  uint64_t seed = 0;
  uint64_t step = 0;
};

// Training forward: y = x * keep / (1 - rate). y may alias x. rate <= 0 copies.
void dropout_forward(const DropoutParams& p, const float* x, float* y, ThreadPool* pool = nullptr);
// dx += dy * keep / (1 - rate)  (ACCUMULATES), same mask as the forward with the same params.
void dropout_backward(const DropoutParams& p, const float* dy, float* dx, ThreadPool* pool = nullptr);
/** The keep decision for element i (tests / reference). */
bool dropout_keep(const DropoutParams& p, int64_t i);

}  // namespace kernels
}  // namespace layerwise
