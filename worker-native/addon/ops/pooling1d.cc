// MaxPooling1D / AveragePooling1D: x (N, steps, C) -> y (N, out_steps, C). A sequence is a one-row image,
// so these run the 2-D pooling kernels (src/pooling.h) with height 1 and a 1×pool window; TF 'same'
// padding along the width is the padding along the steps, and padded cells never count.
#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

kernels::Pool2DParams pool1d_params(const NodeSpec& node) {
  kernels::Pool2DParams p;
  p.h = 1, p.w = node.input_shapes.at(0).at(0), p.c = node.input_shapes.at(0).at(1);
  p.ph = 1, p.pw = node.params.integer("pool_size");
  p.sh = 1, p.sw = node.params.integer("strides");
  p.same = node.params.text("padding") == "same";
  return p;
}

class MaxPooling1DOp : public LayerOp {
 public:
  explicit MaxPooling1DOp(const NodeSpec& node) : params_(pool1d_params(node)) {}

  void forward(const LayerRun& run) const override {
    kernels::max_pool2d_forward(batch(run), run.inputs[0], run.out, run.pool);
  }
  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0]) kernels::max_pool2d_backward(batch(run), run.inputs[0], run.grad, dx, run.pool);
  }

 private:
  kernels::Pool2DParams batch(const LayerRun& run) const {
    kernels::Pool2DParams p = params_;
    p.batch = run.count;
    return p;
  }
  kernels::Pool2DParams params_;
};

class AveragePooling1DOp : public LayerOp {
 public:
  explicit AveragePooling1DOp(const NodeSpec& node) : params_(pool1d_params(node)) {}

  void forward(const LayerRun& run) const override {
    kernels::avg_pool2d_forward(batch(run), run.inputs[0], run.out, run.pool);
  }
  void backward(const LayerRun& run) const override {
    if (float* dx = run.input_grads[0]) kernels::avg_pool2d_backward(batch(run), run.grad, dx, run.pool);
  }

 private:
  kernels::Pool2DParams batch(const LayerRun& run) const {
    kernels::Pool2DParams p = params_;
    p.batch = run.count;
    return p;
  }
  kernels::Pool2DParams params_;
};

} // namespace

std::unique_ptr<LayerOp> make_max_pooling1d(const NodeSpec& node) { return make_op<MaxPooling1DOp>(node); }
std::unique_ptr<LayerOp> make_average_pooling1d(const NodeSpec& node) { return make_op<AveragePooling1DOp>(node); }

} // namespace layerwise
