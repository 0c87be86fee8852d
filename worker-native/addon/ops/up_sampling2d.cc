// UpSampling2D (engine/layers/up-sampling2d.ts): (H, W, C) -> (H * sh, W * sw, C).
//  nearest: each input cell repeated sh x sw times (Keras 3 repeats along both axes).
//  bilinear: tf.image.resize with half-pixel centers, as Keras 3 resizes: output row i samples input
//    row (i + 0.5) / sh - 0.5 between its floor (clamped at 0) and ceil (clamped at H - 1); same for columns.
// Both are a table per axis of (lower, upper, weight of upper); backward scatters the gradient back with
// the same weights. Params: size = [sh, sw], interpolation = 'nearest' | 'bilinear'.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "../layer_op.h"

namespace layerwise {
namespace {

struct Tap {
  int lower = 0, upper = 0;
  float lerp = 0;  // weight of `upper`
};

std::vector<Tap> taps(int in, int factor, bool bilinear) {
  std::vector<Tap> out(static_cast<size_t>(in) * factor);
  for (size_t i = 0; i < out.size(); i++) {
    if (!bilinear) {
      out[i].lower = out[i].upper = static_cast<int>(i) / factor;
      continue;
    }
    const double at = (i + 0.5) / factor - 0.5;
    const double below = std::floor(at);
    out[i].lower = std::max(static_cast<int>(below), 0);
    out[i].upper = std::min(static_cast<int>(std::ceil(at)), in - 1);
    out[i].lerp = static_cast<float>(at - below);
  }
  return out;
}

class UpSampling2DOp : public LayerOp {
 public:
  explicit UpSampling2DOp(const NodeSpec& node)
      : h_(node.input_shapes[0][0]), w_(node.input_shapes[0][1]), c_(node.input_shapes[0][2]) {
    const std::vector<int> size = node.params.ints("size");
    const std::string& interpolation = node.params.text("interpolation");
    if (interpolation != "nearest" && interpolation != "bilinear")
      throw std::invalid_argument("UpSampling2D interpolation '" + interpolation + "' is not supported");
    const bool bilinear = interpolation == "bilinear";
    rows_ = taps(h_, size.at(0), bilinear);
    cols_ = taps(w_, size.at(1), bilinear);
  }

  void forward(const LayerRun& run) const override {
    const size_t oh = rows_.size(), ow = cols_.size();
    for (int n = 0; n < run.count; n++) {
      const float* x = run.inputs[0] + static_cast<size_t>(n) * h_ * w_ * c_;
      float* y = run.out + static_cast<size_t>(n) * oh * ow * c_;
      for (size_t i = 0; i < oh; i++)
        for (size_t j = 0; j < ow; j++) {
          const Tap& r = rows_[i];
          const Tap& q = cols_[j];
          const float* tl = x + (static_cast<size_t>(r.lower) * w_ + q.lower) * c_;
          const float* tr = x + (static_cast<size_t>(r.lower) * w_ + q.upper) * c_;
          const float* bl = x + (static_cast<size_t>(r.upper) * w_ + q.lower) * c_;
          const float* br = x + (static_cast<size_t>(r.upper) * w_ + q.upper) * c_;
          float* out = y + (i * ow + j) * c_;
          // As TF: interpolate along the width, then the height.
          for (int k = 0; k < c_; k++) {
            const float top = tl[k] + (tr[k] - tl[k]) * q.lerp;
            const float bottom = bl[k] + (br[k] - bl[k]) * q.lerp;
            out[k] = top + (bottom - top) * r.lerp;
          }
        }
    }
  }

  void backward(const LayerRun& run) const override {
    float* dx_all = run.input_grads[0];
    if (dx_all == nullptr) return;
    const size_t oh = rows_.size(), ow = cols_.size();
    for (int n = 0; n < run.count; n++) {
      float* dx = dx_all + static_cast<size_t>(n) * h_ * w_ * c_;
      const float* dy = run.grad + static_cast<size_t>(n) * oh * ow * c_;
      for (size_t i = 0; i < oh; i++)
        for (size_t j = 0; j < ow; j++) {
          const Tap& r = rows_[i];
          const Tap& q = cols_[j];
          const float w[4] = {(1 - r.lerp) * (1 - q.lerp), (1 - r.lerp) * q.lerp, r.lerp * (1 - q.lerp), r.lerp * q.lerp};
          float* cell[4] = {dx + (static_cast<size_t>(r.lower) * w_ + q.lower) * c_,
                            dx + (static_cast<size_t>(r.lower) * w_ + q.upper) * c_,
                            dx + (static_cast<size_t>(r.upper) * w_ + q.lower) * c_,
                            dx + (static_cast<size_t>(r.upper) * w_ + q.upper) * c_};
          const float* g = dy + (i * ow + j) * c_;
          for (int t = 0; t < 4; t++)
            if (w[t] != 0)
              for (int k = 0; k < c_; k++) cell[t][k] += w[t] * g[k];
        }
    }
  }

 private:
  int h_, w_, c_;
  std::vector<Tap> rows_, cols_;
};

} // namespace

std::unique_ptr<LayerOp> make_up_sampling2d(const NodeSpec& node) { return std::make_unique<UpSampling2DOp>(node); }

} // namespace layerwise
