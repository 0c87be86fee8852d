// PReLU layer (engine/layers/prelu.ts): learned slopes alpha, shaped like the sample with 1 on shared
// axes. Built once: for every position of a sample, the index of its slope.
#include <stdexcept>

#include "../../src/activation_layers.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class PreluOp : public LayerOp {
 public:
  explicit PreluOp(const NodeSpec& node) {
    const Shape& shape = node.output_shape;
    if (node.weights.size() != 1 || node.weights[0].shape.size() != shape.size())
      throw std::invalid_argument("PReLU needs one alpha weight of the input's rank");
    const Shape& alpha = node.weights[0].shape;
    alpha_size_ = static_cast<int64_t>(shape_size(alpha));
    size_ = static_cast<int64_t>(shape_size(shape));
    index_.resize(size_);
    // Row-major walk of the sample; a shared axis (alpha dim 1) always reads index 0 there.
    for (int64_t i = 0; i < size_; i++) {
      int64_t rest = i, at = 0, stride = 1;
      for (int d = static_cast<int>(shape.size()) - 1; d >= 0; d--) {
        const int64_t coord = rest % shape[d];
        rest /= shape[d];
        if (alpha[d] != 1 && alpha[d] != shape[d]) throw std::invalid_argument("PReLU alpha does not fit the input");
        at += (alpha[d] == 1 ? 0 : coord) * stride;
        stride *= alpha[d];
      }
      index_[i] = static_cast<int32_t>(at);
    }
  }
  void forward(const LayerRun& run) const override {
    kernels::prelu_forward(run.inputs[0], run.weights[0], index_.data(), run.out, run.count, size_);
  }
  void backward(const LayerRun& run) const override {
    kernels::prelu_backward(run.inputs[0], run.weights[0], index_.data(), run.grad, run.input_grads[0],
                            run.weight_grads[0], alpha_size_, run.count, size_);
  }

 private:
  int64_t size_ = 0, alpha_size_ = 0;
  std::vector<int32_t> index_;
};

} // namespace

std::unique_ptr<LayerOp> make_prelu(const NodeSpec& node) { return std::make_unique<PreluOp>(node); }

} // namespace layerwise
