// ZeroPadding2D (engine/layers/zero-padding2d.ts): (H, W, C) -> (H + top + bottom, W + left + right, C),
// the input copied inside a border of zeros. Backward hands each inner cell its gradient; the border's
// gradient goes nowhere. Params: padding = [top, bottom, left, right].
#include <cstring>

#include "../layer_op.h"

namespace layerwise {
namespace {

class ZeroPadding2DOp : public LayerOp {
 public:
  explicit ZeroPadding2DOp(const NodeSpec& node)
      : h_(node.input_shapes[0][0]), w_(node.input_shapes[0][1]), c_(node.input_shapes[0][2]),
        oh_(node.output_shape[0]), ow_(node.output_shape[1]) {
    const std::vector<int> pads = node.params.ints("padding");
    top_ = pads.at(0);
    left_ = pads.at(2);
  }

  void forward(const LayerRun& run) const override {
    std::memset(run.out, 0, sizeof(float) * static_cast<size_t>(run.count) * oh_ * ow_ * c_);
    for_rows(run.count, [&](size_t in, size_t out) {
      std::memcpy(run.out + out, run.inputs[0] + in, sizeof(float) * w_ * c_);
    });
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (dx == nullptr) return;
    for_rows(run.count, [&](size_t in, size_t out) {
      for (int k = 0; k < w_ * c_; k++) dx[in + k] += run.grad[out + k];
    });
  }

 private:
  // fn(offset of an input row, offset of the output row it lands in) for every image row of the batch.
  template <class F>
  void for_rows(int count, F&& fn) const {
    for (int n = 0; n < count; n++)
      for (int y = 0; y < h_; y++) {
        const size_t in = (static_cast<size_t>(n) * h_ + y) * w_ * c_;
        const size_t out = ((static_cast<size_t>(n) * oh_ + y + top_) * ow_ + left_) * c_;
        fn(in, out);
      }
  }

  int h_, w_, c_, oh_, ow_, top_ = 0, left_ = 0;
};

} // namespace

std::unique_ptr<LayerOp> make_zero_padding2d(const NodeSpec& node) { return std::make_unique<ZeroPadding2DOp>(node); }

} // namespace layerwise
