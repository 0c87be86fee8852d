// ELU layer (engine/layers/leaky-relu-elu.ts): x for x > 0, alpha * (exp(x) - 1) otherwise.
#include "../../src/activation_layers.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class EluOp : public LayerOp {
 public:
  explicit EluOp(const NodeSpec& node) : alpha_(static_cast<float>(node.params.number("alpha"))) {}
  void forward(const LayerRun& run) const override {
    kernels::elu_forward(alpha_, run.inputs[0], run.out, size(run), run.pool);
  }
  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0])
      kernels::elu_backward(alpha_, run.inputs[0], run.out, run.grad, dx, size(run), run.pool);
  }

 private:
  static int64_t size(const LayerRun& run) {
    return static_cast<int64_t>(run.count) * static_cast<int64_t>(shape_size(run.node.output_shape));
  }
  float alpha_;
};

} // namespace

std::unique_ptr<LayerOp> make_elu(const NodeSpec& node) { return std::make_unique<EluOp>(node); }

} // namespace layerwise
