// Cropping2D (engine/layers/cropping2d.ts): (H, W, C) -> (H - top - bottom, W - left - right, C), the
// inner rectangle copied out. Backward adds the gradient back at the cells that were kept.
// Params: cropping = [top, bottom, left, right].
#include <cstring>

#include "../layer_op.h"

namespace layerwise {
namespace {

class Cropping2DOp : public LayerOp {
 public:
  explicit Cropping2DOp(const NodeSpec& node)
      : h_(node.input_shapes[0][0]), w_(node.input_shapes[0][1]), c_(node.input_shapes[0][2]),
        oh_(node.output_shape[0]), ow_(node.output_shape[1]) {
    const std::vector<int> crops = node.params.ints("cropping");
    top_ = crops.at(0);
    left_ = crops.at(2);
  }

  void forward(const LayerRun& run) const override {
    for_rows(run.count, [&](size_t in, size_t out) {
      std::memcpy(run.out + out, run.inputs[0] + in, sizeof(float) * ow_ * c_);
    });
  }

  void backward(const LayerRun& run) const override {
    float* dx = run.input_grads[0];
    if (dx == nullptr) return;
    for_rows(run.count, [&](size_t in, size_t out) {
      for (int k = 0; k < ow_ * c_; k++) dx[in + k] += run.grad[out + k];
    });
  }

 private:
  // fn(offset of the kept part of an input row, offset of its output row) for every output row.
  template <class F>
  void for_rows(int count, F&& fn) const {
    for (int n = 0; n < count; n++)
      for (int y = 0; y < oh_; y++) {
        const size_t in = ((static_cast<size_t>(n) * h_ + y + top_) * w_ + left_) * c_;
        const size_t out = (static_cast<size_t>(n) * oh_ + y) * ow_ * c_;
        fn(in, out);
      }
  }

  int h_, w_, c_, oh_, ow_, top_ = 0, left_ = 0;
};

} // namespace

std::unique_ptr<LayerOp> make_cropping2d(const NodeSpec& node) { return std::make_unique<Cropping2DOp>(node); }

} // namespace layerwise
