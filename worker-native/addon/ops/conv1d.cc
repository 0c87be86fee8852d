// Conv1D: x (N, steps, Cin), kernel (K, Cin, Cout), bias (Cout) -> y (N, out_steps, Cout).
// A sequence is a one-row image, so this runs the Conv2D kernels (src/conv2d.h) with height 1 and a
// 1×K kernel: (K, Cin, Cout) is already HWIO with H = 1, and TF 'same' padding along the width is the
// padding along the steps (the odd cell after). 'causal' pads K - 1 steps before only: the op copies x
// behind K - 1 zero steps in scratch, (N, steps + K - 1, Cin), and runs a 'valid' convolution on that;
// backward takes the gradient of the padded copy and adds its last `steps` steps to dx.
#include <algorithm>
#include <cstring>

#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

inline size_t pad16(size_t n) { return (n + 15) / 16 * 16; }

class Conv1DOp : public LayerOp {
 public:
  explicit Conv1DOp(const NodeSpec& node)
      : steps_(node.input_shapes.at(0).at(0)),
        in_c_(node.input_shapes.at(0).at(1)),
        out_c_(node.output_shape.at(1)),
        kernel_(node.params.integer("kernel_size")),
        stride_(node.params.integer("strides")),
        same_(node.params.text("padding") == "same"),
        causal_(node.params.text("padding") == "causal"),
        use_bias_(node.params.flag("use_bias")),
        act_(kernel_act(node.act)) {}

  void forward(const LayerRun& run) const override {
    // Fused with the loss: the layer writes logits into `pre`, and the softmax/sigmoid follows.
    float* y = run.fused ? run.pre : run.out;
    float* z = run.fused ? nullptr : run.pre;
    const float* bias = use_bias_ ? run.weights[1] : nullptr;
    const Scratch s = scratch(run);
    const float* x = causal_ ? pad_before(run.inputs[0], run.count, s.padded_x) : run.inputs[0];
    kernels::conv2d_forward(params(run.count, run.fused), x, run.weights[0], bias, y, z, s.conv, run.pool);
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
    const auto p = params(run.count, run.fused);
    if (!causal_) {
      kernels::conv2d_backward(p, run.inputs[0], run.weights[0], z, y, run.grad, run.input_grads[0], run.weight_grads[0],
                               db, scratch(run).conv, run.pool);
      return;
    }
    // Scratch is shared by every node, so the padded input is rebuilt rather than kept from forward.
    const Scratch s = scratch(run);
    const float* x = pad_before(run.inputs[0], run.count, s.padded_x);
    float* dx = run.input_grads[0];
    const size_t padded = padded_floats(run.count);
    if (dx != nullptr) std::fill(s.padded_dx, s.padded_dx + padded, 0.0f); // the kernel accumulates
    kernels::conv2d_backward(p, x, run.weights[0], z, y, run.grad, dx ? s.padded_dx : nullptr, run.weight_grads[0], db,
                             s.conv, run.pool);
    if (dx == nullptr) return;
    const size_t row = static_cast<size_t>(steps_) * in_c_, skip = static_cast<size_t>(kernel_ - 1) * in_c_;
    for (int n = 0; n < run.count; n++) {
      const float* from = s.padded_dx + n * (row + skip) + skip;
      float* to = dx + n * row;
      for (size_t i = 0; i < row; i++) to[i] += from[i];
    }
  }

  bool keeps_pre(bool fused) const override { return fused || kernels::activation_backward_needs_input(act_); }
  // As the model's output under a loss that folds its softmax/sigmoid in, it leaves the logits in `pre`.
  kernels::Act folded_activation() const override { return act_; }
  const float* logits(const LayerRun& run) const override { return run.pre; }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    const auto p = params(batch, fused);
    const size_t conv = std::max(kernels::conv2d_forward_scratch_size(p, threads), kernels::conv2d_backward_scratch_size(p, threads));
    return (causal_ ? 2 * pad16(padded_floats(batch)) : 0) + conv;
  }

 private:
  struct Scratch {
    float* padded_x;   // causal: (N, steps + K - 1, Cin), zeros first
    float* padded_dx;  // causal: its gradient
    float* conv;       // the conv kernels' own scratch
  };

  Scratch scratch(const LayerRun& run) const {
    if (!causal_) return {nullptr, nullptr, run.scratch};
    const size_t padded = pad16(padded_floats(run.count));
    return {run.scratch, run.scratch + padded, run.scratch + 2 * padded};
  }

  size_t padded_floats(int batch) const { return static_cast<size_t>(batch) * (steps_ + kernel_ - 1) * in_c_; }

  /** x behind K - 1 zero steps, sample by sample. */
  const float* pad_before(const float* x, int count, float* padded) const {
    const size_t row = static_cast<size_t>(steps_) * in_c_, skip = static_cast<size_t>(kernel_ - 1) * in_c_;
    for (int n = 0; n < count; n++) {
      float* to = padded + n * (row + skip);
      std::fill(to, to + skip, 0.0f);
      std::memcpy(to + skip, x + n * row, row * sizeof(float));
    }
    return padded;
  }

  kernels::Conv2DParams params(int count, bool fused) const {
    kernels::Conv2DParams p;
    p.batch = count;
    p.h = 1, p.w = causal_ ? steps_ + kernel_ - 1 : steps_, p.in_c = in_c_, p.out_c = out_c_;
    p.kh = 1, p.kw = kernel_, p.sh = 1, p.sw = stride_;
    p.same = same_;
    p.act = fused ? kernels::Act::Linear : act_;
    return p;
  }

  int steps_, in_c_, out_c_, kernel_, stride_;
  bool same_, causal_, use_bias_;
  kernels::Act act_;
};

} // namespace

std::unique_ptr<LayerOp> make_conv1d(const NodeSpec& node) { return make_op<Conv1DOp>(node); }

} // namespace layerwise
