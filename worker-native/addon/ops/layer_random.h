// The random stream of one layer for one training step, for the layers that draw masks or noise
// (SpatialDropout2D, GaussianNoise): the training seed (or the layer's own `seed` param when set, like
// Keras' seed=...), the node's position and the step, like Dropout's, so each layer and each batch gets
// fresh values and a run with the same seed repeats.
#pragma once
#include <cstdint>

#include "../../src/random.h"
#include "../layer_op.h"

namespace layerwise {

/** The layer's own seed when its params set one (`has_seed`, `seed`). */
struct LayerSeed {
  explicit LayerSeed(const NodeParams& params)
      : seeded(params.flag("has_seed")), seed(static_cast<uint64_t>(params.number("seed"))) {}
  bool seeded;
  uint64_t seed;
};

inline uint64_t layer_random_key(const LayerRun& run, const LayerSeed& own) {
  const uint64_t seed = own.seeded ? own.seed : run.seed;
  return kernels::random_key(kernels::random_key(seed, static_cast<uint64_t>(run.index)), run.step);
}

} // namespace layerwise
