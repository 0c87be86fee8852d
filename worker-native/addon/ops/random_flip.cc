// RandomFlip: while training, sample s is mirrored left-right when its draw 0 is below 1/2 (if the mode
// allows horizontal flips) and top-bottom when its draw 1 is; identity at inference. Backward applies the
// same flips to the gradient (a flip is its own adjoint).
#include "augment_op.h"

namespace layerwise {

class RandomFlipOp : public LayerOp {
 public:
  explicit RandomFlipOp(const NodeSpec& node)
      : horizontal_(node.params.flag("horizontal")), vertical_(node.params.flag("vertical")) {
    node.params.flag("has_seed");  // a spec without the seed params fails here, not mid-training
  }

  void forward(const LayerRun& run) const override {
    if (!run.training) return augment_identity(run);
    kernels::flip_forward(image_dims(run.node, run.count), flips(run), run.inputs[0], run.out, run.pool);
  }

  size_t scratch_floats(int batch, int threads, bool fused) const override { return 2 * static_cast<size_t>(batch); }

  void backward(const LayerRun& run) const override {
    if (!run.training) return augment_identity_backward(run);
    if (run.input_grads[0] == nullptr) return;
    kernels::flip_backward(image_dims(run.node, run.count), flips(run), run.grad, run.input_grads[0], run.pool);
  }

 private:
  // The (horizontal, vertical) flip flags of every sample, in scratch.
  const float* flips(const LayerRun& run) const {
    const uint64_t key = augment_key(run.node, run);
    float* out = run.scratch;
    for (int s = 0; s < run.count; ++s) {
      out[2 * s] = horizontal_ && augment_uniform(key, s, 0, 0, 1) < 0.5f ? 1.0f : 0.0f;
      out[2 * s + 1] = vertical_ && augment_uniform(key, s, 1, 0, 1) < 0.5f ? 1.0f : 0.0f;
    }
    return out;
  }

  bool horizontal_, vertical_;
};

std::unique_ptr<LayerOp> make_random_flip(const NodeSpec& node) { return std::make_unique<RandomFlipOp>(node); }

} // namespace layerwise
