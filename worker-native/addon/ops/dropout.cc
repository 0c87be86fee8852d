// Dropout: while training, y = x * keep / (1 - rate) with a counter-based mask (src/dropout.h) that
// backward recomputes; otherwise the identity. One mask per node and training step (run.stream()), so
// masks differ between layers and batches and never depend on the thread count. Params: rate.
#include <cstring>

#include "../../src/dropout.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class DropoutOp final : public LayerOp {
 public:
  explicit DropoutOp(const NodeSpec& node)
      : rate_(static_cast<float>(node.params.number("rate"))), size_(shape_size(node.output_shape)) {}

  void forward(const LayerRun& run) const override {
    if (run.training && rate_ > 0) kernels::dropout_forward(params(run), run.inputs[0], run.out, run.pool);
    else std::memcpy(run.out, run.inputs[0], values(run) * sizeof(float));
  }

  bool set_rate(float rate) override {
    rate_ = rate;
    return true;
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (!dx) return;
    if (run.training && rate_ > 0) {
      kernels::dropout_backward(params(run), run.grad, dx, run.pool);
    } else {
      const size_t n = values(run);
      for (size_t i = 0; i < n; i++) dx[i] += run.grad[i];
    }
  }

 private:
  size_t values(const LayerRun& run) const { return size_ * static_cast<size_t>(run.count); }

  kernels::DropoutParams params(const LayerRun& run) const {
    kernels::DropoutParams p;
    p.size = static_cast<int64_t>(values(run));
    p.rate = rate_;
    p.seed = run.seed;
    p.step = run.stream();
    return p;
  }

  float rate_;
  size_t size_;
};

} // namespace

std::unique_ptr<LayerOp> make_dropout(const NodeSpec& node) { return make_op<DropoutOp>(node); }

} // namespace layerwise
