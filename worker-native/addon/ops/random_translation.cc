// RandomTranslation: while training, sample s shifts down by dy = uniform(height_range) * height and
// right by dx = uniform(width_range) * width (draws 0 and 1), i.e. output (x, y) reads the input at
// (x - dx, y - dy), Keras' translation matrix; identity at inference.
#include "augment_op.h"

namespace layerwise {

class RandomTranslationOp : public WarpOp {
 public:
  explicit RandomTranslationOp(const NodeSpec& node)
      : WarpOp(node), height_(param_range(node, "height_range")), width_(param_range(node, "width_range")) {}

  void transform(const LayerRun& run, uint64_t key, int s, float* m) const override {
    const float dy = augment_uniform(key, s, 0, height_.first, height_.second) * run.node.output_shape[0];
    const float dx = augment_uniform(key, s, 1, width_.first, width_.second) * run.node.output_shape[1];
    const float matrix[6] = {1, 0, -dx, 0, 1, -dy};
    std::copy(matrix, matrix + 6, m);
  }

 private:
  std::pair<float, float> height_, width_;
};

std::unique_ptr<LayerOp> make_random_translation(const NodeSpec& node) {
  return std::make_unique<RandomTranslationOp>(node);
}

} // namespace layerwise
