// BatchNormalization over the last axis: x (rows, C) with rows = N times the positions. Training uses
// the batch statistics (kept in the op state for backward: mean, then inverse std, C each) and updates
// the moving ones; inference uses the moving statistics. Weight slots in Keras order: gamma (scale),
// beta (center), moving_mean, moving_variance. Params: momentum, epsilon, center, scale. A frozen node
// (trainable = False) runs in inference mode while training too, as Keras 2.1+ does: it normalises with
// its moving statistics and leaves them alone.
#include "../../src/batch_norm.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class BatchNormalizationOp final : public LayerOp {
 public:
  explicit BatchNormalizationOp(const NodeSpec& node)
      : momentum_(static_cast<float>(node.params.number("momentum"))),
        epsilon_(static_cast<float>(node.params.number("epsilon"))),
        channels_(node.output_shape.back()),
        size_(shape_size(node.output_shape)),
        frozen_(!node.trainable) {
    int slot = 0;
    gamma_ = node.params.flag("scale") ? slot++ : -1;
    beta_ = node.params.flag("center") ? slot++ : -1;
    moving_ = slot;
  }

  void forward(const LayerRun& run) const override {
    const float* gamma = gamma_ >= 0 ? run.weights[gamma_] : nullptr;
    const float* beta = beta_ >= 0 ? run.weights[beta_] : nullptr;
    float* moving_mean = run.weights[moving_];
    float* moving_var = run.weights[moving_ + 1];
    const kernels::BatchNormParams p = params(run.count);
    if (run.training && !frozen_)
      kernels::batch_norm_forward_training(p, run.inputs[0], gamma, beta, run.out, mean(run), inv_std(run), moving_mean, moving_var,
                                           run.scratch, run.pool);
    else
      kernels::batch_norm_forward_inference(p, run.inputs[0], gamma, beta, moving_mean, moving_var, run.out, run.pool);
  }

  void backward(const LayerRun& run) const override {
    const float* gamma = gamma_ >= 0 ? run.weights[gamma_] : nullptr;
    float* dgamma = gamma_ >= 0 ? run.weight_grads[gamma_] : nullptr;
    float* dbeta = beta_ >= 0 ? run.weight_grads[beta_] : nullptr;
    const kernels::BatchNormParams p = params(run.count);
    if (run.training && !frozen_)
      kernels::batch_norm_backward_training(p, run.inputs[0], gamma, mean(run), inv_std(run), run.grad, run.input_grads[0], dgamma,
                                            dbeta, run.scratch, run.pool);
    else
      kernels::batch_norm_backward_inference(p, run.inputs[0], gamma, run.weights[moving_], run.weights[moving_ + 1], run.grad,
                                             run.input_grads[0], dgamma, dbeta, run.scratch, run.pool);
  }

  size_t state_floats(int) const override { return 2 * static_cast<size_t>(channels_); }

  size_t scratch_floats(int batch, int, bool) const override { return kernels::batch_norm_scratch_size(params(batch)); }

 private:
  kernels::BatchNormParams params(int count) const {
    kernels::BatchNormParams p;
    p.channels = channels_;
    p.rows = static_cast<int64_t>(size_ * static_cast<size_t>(count) / static_cast<size_t>(channels_));
    p.epsilon = epsilon_;
    p.momentum = momentum_;
    return p;
  }
  static float* mean(const LayerRun& run) { return run.state; }
  float* inv_std(const LayerRun& run) const { return run.state + channels_; }

  float momentum_, epsilon_;
  int channels_;
  size_t size_;
  bool frozen_;
  int gamma_, beta_, moving_; // weight slots; -1: absent
};

} // namespace

std::unique_ptr<LayerOp> make_batch_normalization(const NodeSpec& node) { return make_op<BatchNormalizationOp>(node); }

} // namespace layerwise
