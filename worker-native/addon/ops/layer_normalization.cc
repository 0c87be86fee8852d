// LayerNormalization as the model runs it (engine/layers/layer-normalization.ts): the kernels of
// src/layer_norm over (count * positions, features). Weight slots: gamma if scale, then beta if center.
// Each row's mean and inverse std are kept from forward to backward in the node's state.
#include "../../src/layer_norm.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class LayerNormalizationOp : public LayerOp {
 public:
  explicit LayerNormalizationOp(const NodeSpec& node)
      : features_(node.output_shape.back()),
        positions_(static_cast<int64_t>(shape_size(node.output_shape)) / node.output_shape.back()),
        epsilon_(static_cast<float>(node.params.number("epsilon"))),
        scale_(node.params.flag("scale")),
        center_(node.params.flag("center")) {}

  void forward(const LayerRun& run) const override {
    const Slots s = slots(run);
    kernels::layer_norm_forward(params(run), run.inputs[0], s.gamma, s.beta, run.out, run.state,
                                run.state + rows(run.count), run.pool);
  }

  void backward(const LayerRun& run) const override {
    const Slots s = slots(run);
    float* dgamma = scale_ ? run.weight_grads[0] : nullptr;
    float* dbeta = center_ ? run.weight_grads[scale_ ? 1 : 0] : nullptr;
    kernels::layer_norm_backward(params(run), run.inputs[0], s.gamma, run.state, run.state + rows(run.count), run.grad,
                                 run.input_grads[0], dgamma, dbeta, run.pool);
  }

  // Mean and inverse std per row.
  size_t state_floats(int batch) const override { return 2 * static_cast<size_t>(rows(batch)); }

 private:
  struct Slots {
    const float* gamma;
    const float* beta;
  };
  Slots slots(const LayerRun& run) const {
    return {scale_ ? run.weights[0] : nullptr, center_ ? run.weights[scale_ ? 1 : 0] : nullptr};
  }
  int64_t rows(int count) const { return static_cast<int64_t>(count) * positions_; }
  kernels::LayerNormParams params(const LayerRun& run) const { return {rows(run.count), features_, epsilon_}; }

  int features_;
  int64_t positions_;
  float epsilon_;
  bool scale_, center_;
};

} // namespace

std::unique_ptr<LayerOp> make_layer_normalization(const NodeSpec& node) {
  return std::make_unique<LayerNormalizationOp>(node);
}

} // namespace layerwise
