// Softmax layer (engine/layers/softmax.ts) along any axis of the sample: the sample shape is viewed as
// (before, axis, after), so a batch is (count * before, axis, after). As the output of a flat sample it
// is folded into a cross-entropy loss like Dense(activation='softmax'): the loss reads the logits (its
// input) and hands back d loss / d logits, which backward passes through.
#include <stdexcept>

#include "../../src/activation_layers.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class SoftmaxOp : public LayerOp {
 public:
  explicit SoftmaxOp(const NodeSpec& node) {
    const Shape& shape = node.output_shape;
    const int axis = node.params.integer("axis");
    if (axis < 0 || axis >= static_cast<int>(shape.size()))
      throw std::invalid_argument("Softmax axis " + std::to_string(axis) + " is outside the input's shape");
    for (int i = 0; i < axis; i++) before_ *= shape[i];
    length_ = shape[axis];
    for (size_t i = axis + 1; i < shape.size(); i++) after_ *= shape[i];
  }
  void forward(const LayerRun& run) const override {
    kernels::softmax_axis_forward(run.inputs[0], run.out, run.count * before_, length_, after_, run.pool);
  }
  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (!dx) return;
    if (run.fused) {
      for (int64_t i = 0, n = run.count * before_ * length_ * after_; i < n; i++) dx[i] += run.grad[i];
      return;
    }
    kernels::softmax_axis_backward(run.out, run.grad, dx, run.count * before_, length_, after_, run.pool);
  }
  // The loss' softmax runs over the whole sample: fold only when this one does too.
  Act folded_activation() const override { return before_ == 1 && after_ == 1 ? Act::Softmax : Act::Linear; }

 private:
  int64_t before_ = 1, length_ = 1, after_ = 1;
};

} // namespace

std::unique_ptr<LayerOp> make_softmax(const NodeSpec& node) { return std::make_unique<SoftmaxOp>(node); }

} // namespace layerwise
