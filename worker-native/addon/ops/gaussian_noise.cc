// GaussianNoise: while training, adds zero-mean normal noise of standard deviation `stddev` to every
// value (a fresh draw per layer and step); identity at inference. The noise does not depend on the
// input, so the gradient passes through unchanged in both modes.
#include <cstring>

#include "../../src/noise.h"
#include "layer_random.h"

namespace layerwise {
namespace {

class GaussianNoiseOp : public LayerOp {
 public:
  explicit GaussianNoiseOp(const NodeSpec& node)
      : stddev_(static_cast<float>(node.params.number("stddev"))), size_(shape_size(node.output_shape)), seed_(node.params) {}

  void forward(const LayerRun& run) const override {
    const int64_t n = static_cast<int64_t>(run.count) * static_cast<int64_t>(size_);
    if (run.training && stddev_ > 0) kernels::gaussian_noise_forward(n, stddev_, layer_random_key(run, seed_), run.inputs[0], run.out, run.pool);
    else std::memcpy(run.out, run.inputs[0], static_cast<size_t>(n) * sizeof(float));
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (dx == nullptr) return;
    for (size_t i = 0, n = static_cast<size_t>(run.count) * size_; i < n; i++) dx[i] += run.grad[i];
  }

 private:
  float stddev_;
  size_t size_;
  LayerSeed seed_;
};

} // namespace

std::unique_ptr<LayerOp> make_gaussian_noise(const NodeSpec& node) { return make_op<GaussianNoiseOp>(node); }

} // namespace layerwise
