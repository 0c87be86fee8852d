// Activation: y = act(x), elementwise or softmax over the last axis; any shape. As a fused output (softmax
// or sigmoid under the loss that folds it in) the logits are its input and backward passes the logits'
// gradient through. Params: activation.
#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class ActivationOp final : public LayerOp {
 public:
  explicit ActivationOp(const NodeSpec& node)
      : act_(node.act), cols_(node.output_shape.back()), size_(shape_size(node.output_shape)) {}

  void forward(const LayerRun& run) const override {
    kernels::activation_forward(act_, run.inputs[0], run.out, rows(run), cols_, run.pool);
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (!dx) return;
    if (run.fused) {
      const size_t n = size_ * static_cast<size_t>(run.count);
      for (size_t i = 0; i < n; i++) dx[i] += run.grad[i];
    } else {
      kernels::activation_backward(act_, run.inputs[0], run.out, run.grad, dx, rows(run), cols_, true, run.pool);
    }
  }

  kernels::Act folded_activation() const override { return act_; } // its logits are input 0 (the default)

 private:
  int64_t rows(const LayerRun& run) const { return static_cast<int64_t>(size_ * static_cast<size_t>(run.count)) / cols_; }

  kernels::Act act_;
  int64_t cols_;
  size_t size_;
};

} // namespace

std::unique_ptr<LayerOp> make_activation(const NodeSpec& node) { return make_op<ActivationOp>(node); }

} // namespace layerwise
