// DepthwiseConv2D as the model runs it: the direct depthwise kernel (src/depthwise_conv2d.h), then the
// activation. Weight slots: depthwise_kernel (KH, KW, C, M), bias (C*M) when use_bias.
#include "../../src/depthwise_conv2d.h"

#include "conv_epilogue.h"

namespace layerwise {
namespace {

class DepthwiseConv2DOp : public LayerOp {
 public:
  explicit DepthwiseConv2DOp(const NodeSpec& node) : node_(node) {
    const std::vector<int> k = node.params.ints("kernel_size"), s = node.params.ints("strides");
    const Shape& in = node.input_shapes.at(0);
    p_.h = in.at(0), p_.w = in.at(1), p_.in_c = in.at(2);
    p_.multiplier = node.params.integer("depth_multiplier");
    p_.kh = k.at(0), p_.kw = k.at(1), p_.sh = s.at(0), p_.sw = s.at(1);
    p_.same = node.params.text("padding") == "same";
    use_bias_ = node.params.flag("use_bias");
  }

  void forward(const LayerRun& run) const override {
    const float* bias = use_bias_ ? run.weights[1] : nullptr;
    kernels::depthwise_conv2d_forward(params(run.count), run.inputs[0], run.weights[0], bias, linear_output(run), run.pool);
    apply_activation(run, values(run.count), channels());
  }

  void backward(const LayerRun& run) const override {
    const size_t n = values(run.count);
    const float* dz = linear_gradient(run, n, channels(), run.scratch);
    float* rest = run.scratch + linear_gradient_floats(node_, n);
    kernels::depthwise_conv2d_backward(params(run.count), run.inputs[0], run.weights[0], dz, run.input_grads[0],
                                       run.weight_grads[0], use_bias_ ? run.weight_grads[1] : nullptr, rest, run.pool);
  }

  bool keeps_pre(bool fused) const override { return linear_then_activation_keeps_pre(node_, fused); }
  // As the model's output under a loss that folds its softmax/sigmoid in, it leaves the logits in `pre`.
  kernels::Act folded_activation() const override { return kernel_act(node_.act); }
  const float* logits(const LayerRun& run) const override { return run.pre; }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    return linear_gradient_floats(node_, values(batch)) + kernels::depthwise_conv2d_backward_scratch_size(params(batch));
  }

 private:
  kernels::DepthwiseConv2DParams params(int count) const {
    kernels::DepthwiseConv2DParams p = p_;
    p.batch = count;
    return p;
  }
  int channels() const { return node_.output_shape.back(); }
  size_t values(int count) const { return shape_size(node_.output_shape) * count; }

  const NodeSpec node_;
  kernels::DepthwiseConv2DParams p_;
  bool use_bias_ = true;
};

} // namespace

std::unique_ptr<LayerOp> make_depthwise_conv2d(const NodeSpec& node) { return make_op<DepthwiseConv2DOp>(node); }

} // namespace layerwise
