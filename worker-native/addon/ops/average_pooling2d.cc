// AveragePooling2D: x (N, H, W, C) -> y (N, OH, OW, C), the mean of each window (padded cells do not
// count). Params: pool_size, strides (resolved: the pool size when unset), padding.
#include "../layer_op.h"
#include "window2d.h"

namespace layerwise {
namespace {

class AveragePooling2DOp final : public LayerOp {
 public:
  explicit AveragePooling2DOp(const NodeSpec& node) : params_(pool2d_params(node)) {}

  void forward(const LayerRun& run) const override { kernels::avg_pool2d_forward(params(run), run.inputs[0], run.out, run.pool); }

  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0]) kernels::avg_pool2d_backward(params(run), run.grad, dx, run.pool);
  }

  bool can_assign_input_grad() const override { return true; }

 private:
  kernels::Pool2DParams params(const LayerRun& run) const {
    kernels::Pool2DParams p = params_;
    p.batch = run.count;
    p.assign_dx = run.assign_input_grad;
    return p;
  }

  kernels::Pool2DParams params_;
};

} // namespace

std::unique_ptr<LayerOp> make_average_pooling2d(const NodeSpec& node) { return make_op<AveragePooling2DOp>(node); }

} // namespace layerwise
