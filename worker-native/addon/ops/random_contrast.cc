// RandomContrast: while training, sample s gets factor c = uniform(contrast_range) (draw 0) and each of its
// channels becomes clip((x - mean) c + mean, value_range), the mean over height and width; identity at
// inference. Backward is the exact adjoint at the input (the clip passes gradient where it did not cut).
#include "augment_op.h"

namespace layerwise {

class RandomContrastOp : public LayerOp {
 public:
  explicit RandomContrastOp(const NodeSpec& node)
      : contrast_(param_range(node, "contrast_range")), values_(param_range(node, "value_range")) {
    node.params.flag("has_seed");  // a spec without the seed params fails here, not mid-training
  }

  void forward(const LayerRun& run) const override {
    if (!run.training) return augment_identity(run);
    kernels::contrast_forward(image_dims(run.node, run.count), factors(run), values_.first, values_.second,
                              run.inputs[0], run.out, run.pool);
  }

  size_t scratch_floats(int batch, int threads, bool fused) const override { return static_cast<size_t>(batch); }

  void backward(const LayerRun& run) const override {
    if (!run.training) return augment_identity_backward(run);
    if (run.input_grads[0] == nullptr) return;
    kernels::contrast_backward(image_dims(run.node, run.count), factors(run), values_.first, values_.second,
                               run.inputs[0], run.grad, run.input_grads[0], run.pool);
  }

 private:
  // The contrast factor of every sample, in scratch.
  const float* factors(const LayerRun& run) const {
    const uint64_t key = augment_key(run.node, run);
    for (int s = 0; s < run.count; ++s) run.scratch[s] = augment_uniform(key, s, 0, contrast_.first, contrast_.second);
    return run.scratch;
  }

  std::pair<float, float> contrast_, values_;
};

std::unique_ptr<LayerOp> make_random_contrast(const NodeSpec& node) { return std::make_unique<RandomContrastOp>(node); }

} // namespace layerwise
