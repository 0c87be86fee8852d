// RandomRotation: while training, sample s turns by θ = uniform(angle_range) · 2π (draw 0) about the
// image centre, counter-clockwise for θ > 0, with Keras' rotation matrix (output → input):
//   x_in = cos θ x - sin θ y + x_off,  y_in = sin θ x + cos θ y + y_off,
//   x_off = ((w-1) - (cos θ (w-1) - sin θ (h-1))) / 2,  y_off = ((h-1) - (sin θ (w-1) + cos θ (h-1))) / 2.
// Identity at inference.
#include <cmath>

#include "augment_op.h"

namespace layerwise {

class RandomRotationOp : public WarpOp {
 public:
  explicit RandomRotationOp(const NodeSpec& node) : WarpOp(node), angle_(param_range(node, "angle_range")) {}

  void transform(const LayerRun& run, uint64_t key, int s, float* m) const override {
    const double theta = augment_uniform(key, s, 0, angle_.first, angle_.second) * 6.283185307179586;
    const double c = std::cos(theta), sn = std::sin(theta);
    const double h = run.node.output_shape[0] - 1, w = run.node.output_shape[1] - 1;
    const double matrix[6] = {c, -sn, (w - (c * w - sn * h)) / 2, sn, c, (h - (sn * w + c * h)) / 2};
    for (int i = 0; i < 6; ++i) m[i] = static_cast<float>(matrix[i]);
  }

 private:
  std::pair<float, float> angle_;
};

std::unique_ptr<LayerOp> make_random_rotation(const NodeSpec& node) { return std::make_unique<RandomRotationOp>(node); }

} // namespace layerwise
