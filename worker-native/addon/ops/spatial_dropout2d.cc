// SpatialDropout2D: while training, drops whole channels of each sample (every position of the channel
// together) with probability `rate` and scales the kept ones by 1 / (1 - rate); identity at inference.
// Input and output (count, H, W, C). Backward recomputes the mask from the same key.
#include <cstring>

#include "../../src/noise.h"
#include "layer_random.h"

namespace layerwise {
namespace {

class SpatialDropout2DOp : public LayerOp {
 public:
  explicit SpatialDropout2DOp(const NodeSpec& node)
      : rate_(static_cast<float>(node.params.number("rate"))),
        spatial_(node.output_shape.at(0) * node.output_shape.at(1)),
        channels_(node.output_shape.at(2)),
        seed_(node.params) {}

  void forward(const LayerRun& run) const override {
    if (active(run)) kernels::spatial_dropout_forward(params(run), run.inputs[0], run.out, run.pool);
    else std::memcpy(run.out, run.inputs[0], values(run) * sizeof(float));
  }

  bool set_rate(float rate) override {
    rate_ = rate;
    return true;
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (dx == nullptr) return;
    if (active(run)) {
      kernels::spatial_dropout_backward(params(run), run.grad, dx, run.pool);
    } else {
      for (size_t i = 0, n = values(run); i < n; i++) dx[i] += run.grad[i];
    }
  }

 private:
  bool active(const LayerRun& run) const { return run.training && rate_ > 0; }
  size_t values(const LayerRun& run) const { return static_cast<size_t>(run.count) * spatial_ * channels_; }
  kernels::SpatialDropoutParams params(const LayerRun& run) const {
    kernels::SpatialDropoutParams p;
    p.batch = run.count;
    p.spatial = spatial_;
    p.channels = channels_;
    p.rate = rate_;
    p.key = layer_random_key(run, seed_);
    return p;
  }

  float rate_;
  int64_t spatial_, channels_;
  LayerSeed seed_;
};

} // namespace

std::unique_ptr<LayerOp> make_spatial_dropout2d(const NodeSpec& node) { return make_op<SpatialDropout2DOp>(node); }

} // namespace layerwise
