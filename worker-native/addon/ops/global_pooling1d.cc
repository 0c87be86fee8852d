// GlobalAveragePooling1D / GlobalMaxPooling1D: x (N, steps, C) -> y (N, C), the mean or the maximum of
// each channel over the steps: the 2-D global pooling kernels (src/global_pooling.h) with height 1.
#include "../../src/global_pooling.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class GlobalPooling1DOp : public LayerOp {
 public:
  GlobalPooling1DOp(const NodeSpec& node, bool max)
      : steps_(node.input_shapes.at(0).at(0)), channels_(node.input_shapes.at(0).at(1)), max_(max) {}

  void forward(const LayerRun& run) const override {
    if (max_) kernels::global_max_pool2d_forward(run.count, 1, steps_, channels_, run.inputs[0], run.out, run.pool);
    else kernels::global_avg_pool2d_forward(run.count, 1, steps_, channels_, run.inputs[0], run.out, run.pool);
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (dx == nullptr) return;
    if (max_) kernels::global_max_pool2d_backward(run.count, 1, steps_, channels_, run.inputs[0], run.grad, dx, run.pool);
    else kernels::global_avg_pool2d_backward(run.count, 1, steps_, channels_, run.grad, dx, run.pool);
  }

 private:
  int steps_, channels_;
  bool max_;
};

} // namespace

std::unique_ptr<LayerOp> make_global_average_pooling1d(const NodeSpec& node) {
  return std::make_unique<GlobalPooling1DOp>(node, false);
}
std::unique_ptr<LayerOp> make_global_max_pooling1d(const NodeSpec& node) {
  return std::make_unique<GlobalPooling1DOp>(node, true);
}

} // namespace layerwise
