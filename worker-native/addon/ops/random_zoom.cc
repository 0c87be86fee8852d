// RandomZoom: while training, sample s scales by zy = 1 + uniform(height_range) (draw 0) and
// zx = 1 + uniform(width_range) (draw 1), or zx = zy when keep_aspect, about the image centre, with
// Keras' zoom matrix (output → input): x_in = zx x + (w-1)/2 (1 - zx), y_in = zy y + (h-1)/2 (1 - zy).
// z > 1 reads a larger area: zooms out. Identity at inference.
#include "augment_op.h"

namespace layerwise {

class RandomZoomOp : public WarpOp {
 public:
  explicit RandomZoomOp(const NodeSpec& node)
      : WarpOp(node),
        height_(param_range(node, "height_range")),
        width_(param_range(node, "width_range")),
        keep_aspect_(node.params.flag("keep_aspect")) {}

  void transform(const LayerRun& run, uint64_t key, int s, float* m) const override {
    const float zy = 1 + augment_uniform(key, s, 0, height_.first, height_.second);
    const float zx = keep_aspect_ ? zy : 1 + augment_uniform(key, s, 1, width_.first, width_.second);
    const float h = static_cast<float>(run.node.output_shape[0] - 1), w = static_cast<float>(run.node.output_shape[1] - 1);
    const float matrix[6] = {zx, 0, w / 2 * (1 - zx), 0, zy, h / 2 * (1 - zy)};
    std::copy(matrix, matrix + 6, m);
  }

 private:
  std::pair<float, float> height_, width_;
  bool keep_aspect_;
};

std::unique_ptr<LayerOp> make_random_zoom(const NodeSpec& node) { return std::make_unique<RandomZoomOp>(node); }

} // namespace layerwise
