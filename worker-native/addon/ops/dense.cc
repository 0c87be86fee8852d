// Dense: y = act(x · kernel + bias) on the last axis; x (rows, in) -> y (rows, units) where rows is the
// samples times the positions before the last axis. Weight slots: kernel (in, units), bias (units) when
// use_bias. Params: activation, use_bias.
#include <algorithm>

#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class DenseOp final : public LayerOp {
 public:
  explicit DenseOp(const NodeSpec& node)
      : act_(node.act),
        use_bias_(node.params.flag("use_bias")),
        in_(node.input_shapes.at(0).back()),
        units_(node.output_shape.back()),
        positions_(shape_size(node.output_shape) / units_) {}

  // Fused with the loss: the layer writes logits into `pre`, and the softmax/sigmoid follows.
  void forward(const LayerRun& run) const override {
    float* y = run.fused ? run.pre : run.out;
    float* z = run.fused ? nullptr : run.pre;
    const kernels::DenseParams p = params(run.count, run.fused);
    kernels::dense_forward(p, run.inputs[0], run.weights[0], use_bias_ ? run.weights[1] : nullptr, y, z, run.scratch, run.pool);
    if (run.fused) kernels::activation_forward(act_, y, run.out, p.batch, units_, run.pool);
  }

  // Fused: the gradient is already that of the logits, so the layer's own activation is skipped.
  void backward(const LayerRun& run) const override {
    const float* y = run.fused ? run.pre : run.out;
    const float* z = run.fused ? nullptr : run.pre;
    kernels::dense_backward(params(run.count, run.fused), run.inputs[0], run.weights[0], z, y, run.grad, run.input_grads[0],
                            run.weight_grads[0], use_bias_ ? run.weight_grads[1] : nullptr, run.scratch, run.pool);
  }

  bool keeps_pre(bool fused) const override { return fused || kernels::activation_backward_needs_input(act_); }
  kernels::Act folded_activation() const override { return act_; }
  const float* logits(const LayerRun& run) const override { return run.pre; }

  size_t scratch_floats(int batch, int threads, bool fused) const override {
    const kernels::DenseParams p = params(batch, fused);
    return std::max(kernels::dense_forward_scratch_size(p, threads), kernels::dense_backward_scratch_size(p, threads));
  }

 private:
  kernels::DenseParams params(int count, bool fused) const {
    kernels::DenseParams p;
    p.batch = static_cast<int>(static_cast<size_t>(count) * positions_);
    p.in = in_;
    p.out = units_;
    p.act = fused ? kernels::Act::Linear : act_;
    return p;
  }

  kernels::Act act_;
  bool use_bias_;
  int in_, units_;
  size_t positions_;
};

} // namespace

std::unique_ptr<LayerOp> make_dense(const NodeSpec& node) { return make_op<DenseOp>(node); }

} // namespace layerwise
