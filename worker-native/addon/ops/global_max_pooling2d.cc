// GlobalMaxPooling2D: x (N, H, W, C) -> y (N, C), the maximum of each channel; backward recomputes the
// argmax from x. No params.
#include "../../src/global_pooling.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class GlobalMaxPooling2DOp final : public LayerOp {
 public:
  explicit GlobalMaxPooling2DOp(const NodeSpec& node)
      : h_(node.input_shapes.at(0).at(0)), w_(node.input_shapes.at(0).at(1)), c_(node.input_shapes.at(0).at(2)) {}

  void forward(const LayerRun& run) const override {
    kernels::global_max_pool2d_forward(run.count, h_, w_, c_, run.inputs[0], run.out, run.pool);
  }

  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0]) kernels::global_max_pool2d_backward(run.count, h_, w_, c_, run.inputs[0], run.grad, dx, run.pool);
  }

 private:
  int h_, w_, c_;
};

} // namespace

std::unique_ptr<LayerOp> make_global_max_pooling2d(const NodeSpec& node) { return make_op<GlobalMaxPooling2DOp>(node); }

} // namespace layerwise
