// Conv2DTranspose as the model runs it: the GEMM-based transposed convolution (src/conv2d_transpose.h),
// then the activation. Weight slots: kernel (KH, KW, F, Cin), bias (F) when use_bias.
#include "../../src/conv2d_transpose.h"

#include <algorithm>

#include "../../src/thread_pool.h"
#include "conv_epilogue.h"

namespace layerwise {
namespace {

class Conv2DTransposeOp : public LayerOp {
 public:
  explicit Conv2DTransposeOp(const NodeSpec& node) : node_(node) {
    const std::vector<int> k = node.params.ints("kernel_size"), s = node.params.ints("strides");
    const Shape& in = node.input_shapes.at(0);
    p_.h = in.at(0), p_.w = in.at(1), p_.in_c = in.at(2);
    p_.out_c = node.params.integer("filters");
    p_.kh = k.at(0), p_.kw = k.at(1), p_.sh = s.at(0), p_.sw = s.at(1);
    p_.same = node.params.text("padding") == "same";
    use_bias_ = node.params.flag("use_bias");
  }

  void forward(const LayerRun& run) const override {
    const float* bias = use_bias_ ? run.weights[1] : nullptr;
    kernels::conv2d_transpose_forward(params(run.count), run.inputs[0], run.weights[0], bias, linear_output(run),
                                      run.scratch, run.pool);
    apply_activation(run, values(run.count), p_.out_c);
  }

  void backward(const LayerRun& run) const override {
    const size_t n = values(run.count);
    const float* dz = linear_gradient(run, n, p_.out_c, run.scratch);
    float* rest = run.scratch + linear_gradient_floats(node_, n);
    kernels::conv2d_transpose_backward(params(run.count), run.inputs[0], run.weights[0], dz, run.input_grads[0],
                                       run.weight_grads[0], use_bias_ ? run.weight_grads[1] : nullptr, rest, run.pool);
  }

  bool keeps_pre(bool fused) const override { return linear_then_activation_keeps_pre(node_, fused); }
  // As the model's output under a loss that folds its softmax/sigmoid in, it leaves the logits in `pre`.
  kernels::Act folded_activation() const override { return kernel_act(node_.act); }
  const float* logits(const LayerRun& run) const override { return run.pre; }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    const kernels::Conv2DTransposeParams p = params(batch);
    return std::max(kernels::conv2d_transpose_forward_scratch_size(p, threads),
                    linear_gradient_floats(node_, values(batch)) + kernels::conv2d_transpose_backward_scratch_size(p, threads));
  }

 private:
  kernels::Conv2DTransposeParams params(int count) const {
    kernels::Conv2DTransposeParams p = p_;
    p.batch = count;
    return p;
  }
  size_t values(int count) const { return shape_size(node_.output_shape) * count; }

  const NodeSpec node_;
  kernels::Conv2DTransposeParams p_;
  bool use_bias_ = true;
};

} // namespace

std::unique_ptr<LayerOp> make_conv2d_transpose(const NodeSpec& node) { return make_op<Conv2DTransposeOp>(node); }

} // namespace layerwise
