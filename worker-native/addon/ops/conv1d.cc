// Conv1D: x (N, steps, Cin), kernel (K, Cin, Cout), bias (Cout) -> y (N, out_steps, Cout).
// A sequence is a one-row image, so this runs the Conv2D kernels (src/conv2d.h) with height 1 and a
// 1×K kernel: (K, Cin, Cout) is already HWIO with H = 1, and TF 'same' padding along the width is the
// padding along the steps (the odd cell after).
#include <algorithm>

#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class Conv1DOp : public LayerOp {
 public:
  explicit Conv1DOp(const NodeSpec& node)
      : steps_(node.input_shapes.at(0).at(0)),
        in_c_(node.input_shapes.at(0).at(1)),
        out_c_(node.output_shape.at(1)),
        kernel_(node.params.integer("kernel_size")),
        stride_(node.params.integer("strides")),
        same_(node.params.text("padding") == "same"),
        use_bias_(node.params.flag("use_bias")),
        act_(kernel_act(node.act)) {}

  void forward(const LayerRun& run) const override {
    // Fused with the loss: the layer writes logits into `pre`, and the softmax/sigmoid follows.
    float* y = run.fused ? run.pre : run.out;
    float* z = run.fused ? nullptr : run.pre;
    const float* bias = use_bias_ ? run.weights[1] : nullptr;
    kernels::conv2d_forward(params(run.count, run.fused), run.inputs[0], run.weights[0], bias, y, z, run.scratch, run.pool);
    if (run.fused) {
      const int64_t rows = static_cast<int64_t>(run.count) * run.node.output_shape[0];
      kernels::activation_forward(act_, y, run.out, rows, out_c_, run.pool);
    }
  }

  void backward(const LayerRun& run) const override {
    // Fused: the gradient is already that of the logits, so the activation is skipped.
    const float* y = run.fused ? run.pre : run.out;
    const float* z = run.fused ? nullptr : run.pre;
    float* db = use_bias_ ? run.weight_grads[1] : nullptr;
    kernels::conv2d_backward(params(run.count, run.fused), run.inputs[0], run.weights[0], z, y, run.grad, run.input_grads[0],
                             run.weight_grads[0], db, run.scratch, run.pool);
  }

  bool keeps_pre(bool fused) const override { return fused || kernels::activation_backward_needs_input(act_); }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    const auto p = params(batch, fused);
    return std::max(kernels::conv2d_forward_scratch_size(p, threads), kernels::conv2d_backward_scratch_size(p, threads));
  }

 private:
  kernels::Conv2DParams params(int count, bool fused) const {
    kernels::Conv2DParams p;
    p.batch = count;
    p.h = 1, p.w = steps_, p.in_c = in_c_, p.out_c = out_c_;
    p.kh = 1, p.kw = kernel_, p.sh = 1, p.sw = stride_;
    p.same = same_;
    p.act = fused ? kernels::Act::Linear : act_;
    return p;
  }

  int steps_, in_c_, out_c_, kernel_, stride_;
  bool same_, use_bias_;
  kernels::Act act_;
};

} // namespace

std::unique_ptr<LayerOp> make_conv1d(const NodeSpec& node) { return make_op<Conv1DOp>(node); }

} // namespace layerwise
