// ReLU and LeakyReLU layers (engine/layers/relu.ts, leaky-relu-elu.ts): Keras 3's ReLU with max_value,
// negative_slope and threshold; LeakyReLU is its threshold-0, uncapped case. Backward reads the input.
#include "../../src/activation_layers.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class ReluOp : public LayerOp {
 public:
  explicit ReluOp(const NodeSpec& node) {
    const NodeParams& p = node.params;
    if (p.has("threshold")) {
      s_.has_max = p.flag("has_max_value");
      s_.max_value = static_cast<float>(p.number("max_value"));
      s_.threshold = static_cast<float>(p.number("threshold"));
    }
    s_.negative_slope = static_cast<float>(p.number("negative_slope"));
  }
  void forward(const LayerRun& run) const override {
    kernels::relu_forward(s_, run.inputs[0], run.out, size(run), run.pool);
  }
  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0]) kernels::relu_backward(s_, run.inputs[0], run.grad, dx, size(run), run.pool);
  }

 private:
  static int64_t size(const LayerRun& run) {
    return static_cast<int64_t>(run.count) * static_cast<int64_t>(shape_size(run.node.output_shape));
  }
  kernels::ReluSettings s_;
};

} // namespace

std::unique_ptr<LayerOp> make_relu(const NodeSpec& node) { return std::make_unique<ReluOp>(node); }

} // namespace layerwise
