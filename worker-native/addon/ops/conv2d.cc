// Conv2D: y = act(conv(x, kernel) + bias); x (N, H, W, Cin) -> y (N, OH, OW, filters), TF 'same' or
// 'valid' padding. Weight slots: kernel (KH, KW, Cin, filters), bias (filters) when use_bias.
// Params: activation, use_bias, kernel_size, strides, padding.
#include <algorithm>

#include "../kernel_params.h"
#include "../layer_op.h"
#include "window2d.h"

namespace layerwise {
namespace {

class Conv2DOp final : public LayerOp {
 public:
  explicit Conv2DOp(const NodeSpec& node)
      : act_(node.act), use_bias_(node.params.flag("use_bias")), window_(window2d(node.params, "kernel_size")) {
    const Shape& in = node.input_shapes.at(0);
    h_ = in.at(0), w_ = in.at(1), in_c_ = in.at(2);
    out_c_ = node.output_shape.at(2);
  }

  // Fused with the loss: the layer writes logits into `pre`, and the softmax/sigmoid follows.
  void forward(const LayerRun& run) const override {
    float* y = run.fused ? run.pre : run.out;
    float* z = run.fused ? nullptr : run.pre;
    kernels::conv2d_forward(params(run.count, run.fused), run.inputs[0], run.weights[0], use_bias_ ? run.weights[1] : nullptr, y, z,
                            run.scratch, run.pool);
    if (run.fused) {
      const int64_t values = static_cast<int64_t>(run.count) * static_cast<int64_t>(shape_size(run.node.output_shape));
      kernels::activation_forward(act_, y, run.out, values / out_c_, out_c_, run.pool);
    }
  }

  // Fused: the gradient is already that of the logits, so the layer's own activation is skipped.
  void backward(const LayerRun& run) const override {
    const float* y = run.fused ? run.pre : run.out;
    const float* z = run.fused ? nullptr : run.pre;
    kernels::Conv2DParams p = params(run.count, run.fused);
    p.assign_dx = run.assign_input_grad;
    kernels::conv2d_backward(p, run.inputs[0], run.weights[0], z, y, run.grad, run.input_grads[0],
                             run.weight_grads[0], use_bias_ ? run.weight_grads[1] : nullptr, run.scratch, run.pool);
  }

  bool can_assign_input_grad() const override { return true; }
  bool keeps_pre(bool fused) const override { return fused || kernels::activation_backward_needs_input(act_); }
  kernels::Act folded_activation() const override { return act_; }
  const float* logits(const LayerRun& run) const override { return run.pre; }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    const kernels::Conv2DParams p = params(batch, fused);
    return std::max(kernels::conv2d_forward_scratch_size(p, threads), kernels::conv2d_backward_scratch_size(p, threads));
  }

 private:
  kernels::Conv2DParams params(int count, bool fused) const {
    kernels::Conv2DParams p;
    p.batch = count;
    p.h = h_, p.w = w_, p.in_c = in_c_;
    p.out_c = out_c_;
    p.kh = window_.kh, p.kw = window_.kw, p.sh = window_.sh, p.sw = window_.sw;
    p.same = window_.same;
    p.act = fused ? kernels::Act::Linear : act_;
    return p;
  }

  kernels::Act act_;
  bool use_bias_;
  Window2D window_;
  int h_ = 0, w_ = 0, in_c_ = 0, out_c_ = 0;
};

} // namespace

std::unique_ptr<LayerOp> make_conv2d(const NodeSpec& node) { return make_op<Conv2DOp>(node); }

} // namespace layerwise
