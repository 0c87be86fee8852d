// RandomFlip: while training, sample s is mirrored left-right when its draw 0 is below 1/2 (if the mode
// allows horizontal flips) and top-bottom when its draw 1 is; identity at inference. Backward applies the
// same flips to the gradient (a flip is its own adjoint).
#include <vector>

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
    kernels::flip_forward(image_dims(run.node, run.count), flips(run).data(), run.inputs[0], run.out, run.pool);
  }

  void backward(const LayerRun& run) const override {
    if (!run.training) return augment_identity_backward(run);
    if (run.input_grads[0] == nullptr) return;
    kernels::flip_backward(image_dims(run.node, run.count), flips(run).data(), run.grad, run.input_grads[0], run.pool);
  }

 private:
  std::vector<uint8_t> flips(const LayerRun& run) const {
    const uint64_t key = augment_key(run.node, run);
    std::vector<uint8_t> out(2 * static_cast<size_t>(run.count));
    for (int s = 0; s < run.count; ++s) {
      out[2 * s] = horizontal_ && augment_uniform(key, s, 0, 0, 1) < 0.5f;
      out[2 * s + 1] = vertical_ && augment_uniform(key, s, 1, 0, 1) < 0.5f;
    }
    return out;
  }

  bool horizontal_, vertical_;
};

std::unique_ptr<LayerOp> make_random_flip(const NodeSpec& node) { return std::make_unique<RandomFlipOp>(node); }

} // namespace layerwise
