// What the augmentation ops (RandomFlip, RandomTranslation, RandomRotation, RandomZoom, RandomContrast)
// share: their per-sample random numbers and the identity they are outside training. Sample s of a batch
// draws uniform(key, s * kDrawsPerSample + j) with key from (seed, training step, node index), like
// Dropout's masks: the same in forward and backward, independent of the thread count, fresh per step.
// A layer's own `seed` param replaces the training seed.
#pragma once
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "../layer_op.h"
#include "../../src/augment.h"
#include "../../src/random.h"
#include "layer_random.h"

namespace layerwise {

constexpr int kDrawsPerSample = 4;

/** The random key of one node's draws for this step. */
inline uint64_t augment_key(const NodeSpec& node, const LayerRun& run) {
  const LayerSeed own(node.params);
  const uint64_t seed = own.seeded ? own.seed : run.seed;
  return kernels::random_key(kernels::random_key(seed, run.step), static_cast<uint64_t>(run.index));
}

/** Uniform in [low, high) for draw j of sample s. */
inline float augment_uniform(uint64_t key, int s, int j, float low, float high) {
  const float u = kernels::random_uniform(key, static_cast<uint64_t>(s) * kDrawsPerSample + j);
  return low + (high - low) * u;
}

inline kernels::ImageDims image_dims(const NodeSpec& node, int count) {
  const Shape& s = node.output_shape;
  return {count, s.at(0), s.at(1), s.at(2)};
}

/** A [low, high] pair param. */
inline std::pair<float, float> param_range(const NodeSpec& node, const std::string& key) {
  const std::vector<double>& v = node.params.list(key);
  if (v.size() != 2) throw std::invalid_argument("param '" + key + "' must be a [lower, upper] pair");
  return {static_cast<float>(v[0]), static_cast<float>(v[1])};
}

/** Forward outside training: the output is the input. */
inline void augment_identity(const LayerRun& run) {
  std::memcpy(run.out, run.inputs[0], sizeof(float) * shape_size(run.node.output_shape) * run.count);
}

/** Backward outside training: the gradient passes through. */
inline void augment_identity_backward(const LayerRun& run) {
  float* dx = run.input_grads[0];
  if (dx == nullptr) return;
  const size_t n = shape_size(run.node.output_shape) * run.count;
  for (size_t i = 0; i < n; ++i) dx[i] += run.grad[i];
}

/** RandomTranslation, RandomRotation and RandomZoom: an affine resampling whose matrix each layer draws. */
class WarpOp : public LayerOp {
 public:
  explicit WarpOp(const NodeSpec& node) {
    const std::string& fill = node.params.text("fill_mode");
    if (fill == "reflect") warp_.fill = kernels::FillMode::Reflect;
    else if (fill == "constant") warp_.fill = kernels::FillMode::Constant;
    else if (fill == "nearest") warp_.fill = kernels::FillMode::Nearest;
    else throw std::invalid_argument(node.type + ": fill_mode '" + fill + "' is not supported (reflect, constant, nearest)");
    const std::string& interpolation = node.params.text("interpolation");
    if (interpolation == "bilinear") warp_.interpolation = kernels::Interpolation::Bilinear;
    else if (interpolation == "nearest") warp_.interpolation = kernels::Interpolation::Nearest;
    else throw std::invalid_argument(node.type + ": interpolation '" + interpolation + "' is not supported (bilinear, nearest)");
    warp_.fill_value = static_cast<float>(node.params.number("fill_value"));
  }

  /** The 6 output→input coefficients of sample s. */
  virtual void transform(const LayerRun& run, uint64_t key, int s, float* m) const = 0;

  void forward(const LayerRun& run) const override {
    if (!run.training) return augment_identity(run);
    kernels::warp_forward(image_dims(run.node, run.count), warp_, transforms(run), run.inputs[0], run.out, run.pool);
  }

  void backward(const LayerRun& run) const override {
    if (!run.training) return augment_identity_backward(run);
    if (run.input_grads[0] == nullptr) return;
    kernels::warp_backward(image_dims(run.node, run.count), warp_, transforms(run), run.grad, run.input_grads[0], run.pool);
  }

  size_t scratch_floats(int batch, int threads, bool fused) const override { return 6 * static_cast<size_t>(batch); }

 private:
  const float* transforms(const LayerRun& run) const {
    const uint64_t key = augment_key(run.node, run);
    for (int s = 0; s < run.count; ++s) transform(run, key, s, run.scratch + 6 * s);
    return run.scratch;
  }

  kernels::WarpParams warp_;
};

} // namespace layerwise
