// ActivityRegularization: the identity on its input x, plus a loss term l1 * sum|x| + l2 * sum x² over
// the whole batch, as Keras 3 adds it (its L1L2 regularizer on the layer's output, summed, NOT divided
// by the batch size; the model adds it to the batch's mean loss, in training and in evaluation).
// Backward: dx += dy + l1 * sign(x) + 2 * l2 * x, with sign(0) = 0 as TensorFlow's abs gradient.
#include <cmath>
#include <cstring>

#include "../layer_op.h"

namespace layerwise {
namespace {

class ActivityRegularizationOp : public LayerOp {
 public:
  explicit ActivityRegularizationOp(const NodeSpec& node)
      : l1_(node.params.number("l1")), l2_(node.params.number("l2")), size_(shape_size(node.output_shape)) {}

  void forward(const LayerRun& run) const override {
    std::memcpy(run.out, run.inputs[0], values(run) * sizeof(float));
  }

  double loss(const LayerRun& run) const override {
    if (l1_ == 0 && l2_ == 0) return 0;
    const float* x = run.inputs[0];
    double abs_sum = 0, square_sum = 0;
    for (size_t i = 0, n = values(run); i < n; i++) {
      abs_sum += std::fabs(x[i]);
      square_sum += static_cast<double>(x[i]) * x[i];
    }
    return l1_ * abs_sum + l2_ * square_sum;
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (dx == nullptr) return;
    const float* x = run.inputs[0];
    const float l1 = static_cast<float>(l1_), two_l2 = static_cast<float>(2 * l2_);
    for (size_t i = 0, n = values(run); i < n; i++) {
      const float sign = x[i] > 0 ? 1.0f : x[i] < 0 ? -1.0f : 0.0f;
      dx[i] += run.grad[i] + l1 * sign + two_l2 * x[i];
    }
  }

 private:
  size_t values(const LayerRun& run) const { return static_cast<size_t>(run.count) * size_; }

  double l1_, l2_;
  size_t size_;
};

} // namespace

std::unique_ptr<LayerOp> make_activity_regularization(const NodeSpec& node) {
  return make_op<ActivityRegularizationOp>(node);
}

} // namespace layerwise
