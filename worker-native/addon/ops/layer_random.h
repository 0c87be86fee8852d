// The random stream of one layer for one training step, for the layers that draw masks or noise
// (SpatialDropout2D, GaussianNoise): the training seed, the node's position and the step, like
// Dropout's, so each layer and each batch gets fresh values and a run with the same seed repeats.
#pragma once
#include <cstdint>

#include "../../src/random.h"
#include "../layer_op.h"

namespace layerwise {

inline uint64_t layer_random_key(const LayerRun& run) {
  return kernels::random_key(kernels::random_key(run.seed, static_cast<uint64_t>(run.index)), run.step);
}

} // namespace layerwise
