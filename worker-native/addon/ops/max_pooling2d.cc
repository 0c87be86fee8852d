// MaxPooling2D: x (N, H, W, C) -> y (N, OH, OW, C), the maximum of each window; backward recomputes the
// argmax from x. Params: pool_size, strides (resolved: the pool size when unset), padding.
#include "../layer_op.h"
#include "window2d.h"

namespace layerwise {
namespace {

class MaxPooling2DOp final : public LayerOp {
 public:
  explicit MaxPooling2DOp(const NodeSpec& node) : params_(pool2d_params(node)) {}

  void forward(const LayerRun& run) const override { kernels::max_pool2d_forward(params(run), run.inputs[0], run.out, run.pool); }

  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0]) kernels::max_pool2d_backward(params(run), run.inputs[0], run.grad, dx, run.pool);
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

std::unique_ptr<LayerOp> make_max_pooling2d(const NodeSpec& node) { return make_op<MaxPooling2DOp>(node); }

} // namespace layerwise
