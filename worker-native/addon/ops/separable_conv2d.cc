// SeparableConv2D as the model runs it: the depthwise kernel (no bias) into a per-node buffer, then the
// pointwise 1x1 convolution as a Dense over every position (GEMM, bias and activation fused there).
// Weight slots: depthwise_kernel (KH, KW, C, M), pointwise_kernel (1, 1, C*M, F) (= Dense's (in, out)),
// bias (F) when use_bias. State: the depthwise output (N, OH, OW, C*M), which the pointwise backward reads.
#include "../../src/depthwise_conv2d.h"

#include <algorithm>

#include "../../src/dense.h"
#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class SeparableConv2DOp : public LayerOp {
 public:
  explicit SeparableConv2DOp(const NodeSpec& node) : node_(node) {
    const std::vector<int> k = node.params.ints("kernel_size"), s = node.params.ints("strides");
    const Shape& in = node.input_shapes.at(0);
    d_.h = in.at(0), d_.w = in.at(1), d_.in_c = in.at(2);
    d_.multiplier = node.params.integer("depth_multiplier");
    d_.kh = k.at(0), d_.kw = k.at(1), d_.sh = s.at(0), d_.sw = s.at(1);
    d_.same = node.params.text("padding") == "same";
    use_bias_ = node.params.flag("use_bias");
    positions_ = static_cast<size_t>(node.output_shape.at(0)) * node.output_shape.at(1);
  }

  void forward(const LayerRun& run) const override {
    float* mid = run.state;
    kernels::depthwise_conv2d_forward(depthwise(run.count), run.inputs[0], run.weights[0], nullptr, mid, run.pool);
    // As Dense does: fused with the loss, `pre` gets the logits and the activation follows.
    float* y = run.fused ? run.pre : run.out;
    float* z = !run.fused ? run.pre : nullptr;
    const float* bias = use_bias_ ? run.weights[2] : nullptr;
    kernels::dense_forward(pointwise(run.count, run.fused), mid, run.weights[1], bias, y, z, run.scratch, run.pool);
    if (run.fused) {
      const int cols = node_.output_shape.back();
      kernels::activation_forward(kernel_act(node_.act), run.pre, run.out,
                                  static_cast<int64_t>(positions_) * run.count, cols, run.pool);
    }
  }

  void backward(const LayerRun& run) const override {
    const size_t mid_values = mid_floats(run.count);
    float* dmid = run.scratch;
    std::fill(dmid, dmid + mid_values, 0.0f);
    float* rest = run.scratch + pad16(mid_values);
    const float* y = run.fused ? run.pre : run.out;
    const float* z = !run.fused ? run.pre : nullptr;
    kernels::dense_backward(pointwise(run.count, run.fused), run.state, run.weights[1], z, y, run.grad, dmid,
                            run.weight_grads[1], use_bias_ ? run.weight_grads[2] : nullptr, rest, run.pool);
    kernels::depthwise_conv2d_backward(depthwise(run.count), run.inputs[0], run.weights[0], dmid, run.input_grads[0],
                                       run.weight_grads[0], nullptr, rest, run.pool);
  }

  bool keeps_pre(bool fused) const override {
    return fused || kernels::activation_backward_needs_input(kernel_act(node_.act));
  }
  // As the model's output under a loss that folds its softmax/sigmoid in, it leaves the logits in `pre`.
  kernels::Act folded_activation() const override { return kernel_act(node_.act); }
  const float* logits(const LayerRun& run) const override { return run.pre; }

  size_t state_floats(int batch) const override { return mid_floats(batch); }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    const kernels::DenseParams p = pointwise(batch, fused);
    return std::max(kernels::dense_forward_scratch_size(p, threads),
                    pad16(mid_floats(batch)) + std::max(kernels::dense_backward_scratch_size(p, threads),
                                                        kernels::depthwise_conv2d_backward_scratch_size(depthwise(batch))));
  }

 private:
  static size_t pad16(size_t n) { return (n + 15) / 16 * 16; }
  size_t mid_floats(int batch) const {
    return positions_ * static_cast<size_t>(d_.in_c) * d_.multiplier * static_cast<size_t>(batch);
  }
  kernels::DepthwiseConv2DParams depthwise(int count) const {
    kernels::DepthwiseConv2DParams p = d_;
    p.batch = count;
    return p;
  }
  kernels::DenseParams pointwise(int count, bool fused) const {
    kernels::DenseParams p;
    p.batch = static_cast<int>(positions_ * count);
    p.in = d_.in_c * d_.multiplier;
    p.out = node_.output_shape.back();
    p.act = fused ? kernels::Act::Linear : kernel_act(node_.act);
    return p;
  }

  const NodeSpec node_;
  kernels::DepthwiseConv2DParams d_;
  bool use_bias_ = true;
  size_t positions_ = 0;  // OH * OW
};

} // namespace

std::unique_ptr<LayerOp> make_separable_conv2d(const NodeSpec& node) { return make_op<SeparableConv2DOp>(node); }

} // namespace layerwise
