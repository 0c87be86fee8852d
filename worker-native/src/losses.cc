// Keras' losses and accuracy. Cross-entropy on probabilities clips them to [1e-7, 1 - 1e-7] like
// Keras; fused with softmax or sigmoid it is computed from the logits, which is exact and stable.
#include "losses.h"

#include <algorithm>
#include <cmath>

namespace layerwise {
namespace kernels {
namespace {
constexpr double kEps = 1e-7;

int label_of(const LossTargets& t, int sample) { return t.i32 ? t.i32[sample] : t.u8[sample]; }

int argmax(const float* v, int k) { return static_cast<int>(std::max_element(v, v + k) - v); }
} // namespace

bool loss_fuses_activation(Loss loss, Act act) {
  return (act == Act::Softmax && (loss == Loss::SparseCategoricalCrossentropy || loss == Loss::CategoricalCrossentropy)) ||
         (act == Act::Sigmoid && loss == Loss::BinaryCrossentropy);
}

LossSums loss_forward_backward(const LossInput& in, float* grad, int batch) {
  LossSums stats;
  const bool fused = loss_fuses_activation(in.loss, in.output_act) && in.logits != nullptr;
  const double inv_batch = 1.0 / batch;
  for (int s = 0; s < in.count; s++) {
    const float* p = in.output + static_cast<size_t>(s) * in.k;
    const float* z = fused ? in.logits + static_cast<size_t>(s) * in.k : nullptr;
    float* g = grad ? grad + static_cast<size_t>(s) * in.k : nullptr;
    const int sample = in.target_offset + s;
    const float* t = in.targets.f32 ? in.targets.f32 + static_cast<size_t>(sample) * in.k : nullptr;
    switch (in.loss) {
      case Loss::SparseCategoricalCrossentropy:
      case Loss::CategoricalCrossentropy: {
        const bool sparse = in.loss == Loss::SparseCategoricalCrossentropy;
        const int label = sparse ? label_of(in.targets, sample) : -1;
        auto target = [&](int j) { return sparse ? (j == label ? 1.0 : 0.0) : static_cast<double>(t[j]); };
        if (fused) {
          const double mx = *std::max_element(z, z + in.k);
          double sum = 0;
          for (int j = 0; j < in.k; j++) sum += std::exp(z[j] - mx);
          const double log_sum = mx + std::log(sum);
          double loss = 0, weight = 0;
          for (int j = 0; j < in.k; j++) loss += target(j) * (log_sum - z[j]), weight += target(j);
          stats.loss += loss;
          // d/dz of -sum t log softmax(z) is p * sum(t) - t (targets need not sum to 1).
          if (g)
            for (int j = 0; j < in.k; j++) g[j] = static_cast<float>((p[j] * weight - target(j)) * inv_batch);
        } else {
          // Keras: probabilities are renormalised to sum to 1, then clipped.
          double total = 0, loss = 0;
          for (int j = 0; j < in.k; j++) total += p[j];
          for (int j = 0; j < in.k; j++) {
            const double q = std::clamp(p[j] / total, kEps, 1 - kEps);
            loss -= target(j) * std::log(q);
          }
          stats.loss += loss;
          if (g) {
            double weight = 0;
            for (int j = 0; j < in.k; j++) weight += target(j);
            for (int j = 0; j < in.k; j++) {
              const double q = p[j] / total;
              const double own = (q > kEps && q < 1 - kEps) ? -target(j) / p[j] : 0.0;
              g[j] = static_cast<float>((own + weight / total) * inv_batch);
            }
          }
        }
        stats.accuracy += argmax(p, in.k) == (sparse ? label : argmax(t, in.k));
        break;
      }
      case Loss::BinaryCrossentropy: {
        double loss = 0, correct = 0;
        for (int j = 0; j < in.k; j++) {
          if (fused) {
            loss += std::max<double>(z[j], 0) - z[j] * t[j] + std::log1p(std::exp(-std::fabs(z[j])));
            if (g) g[j] = static_cast<float>((p[j] - t[j]) * inv_batch / in.k);
          } else {
            const double q = std::clamp<double>(p[j], kEps, 1 - kEps);
            loss -= t[j] * std::log(q) + (1 - t[j]) * std::log(1 - q);
            if (g) g[j] = (p[j] > kEps && p[j] < 1 - kEps) ? static_cast<float>((q - t[j]) / (q * (1 - q)) * inv_batch / in.k) : 0.0f;
          }
          correct += (p[j] > 0.5f) == (t[j] > 0.5f);
        }
        stats.loss += loss / in.k;
        stats.accuracy += correct / in.k;
        break;
      }
      case Loss::MeanSquaredError: {
        double loss = 0;
        for (int j = 0; j < in.k; j++) {
          const double d = p[j] - t[j];
          loss += d * d;
          if (g) g[j] = static_cast<float>(2 * d * inv_batch / in.k);
        }
        stats.loss += loss / in.k;
        stats.accuracy += in.k > 1 ? (argmax(p, in.k) == argmax(t, in.k)) : ((p[0] > 0.5f) == (t[0] > 0.5f));
        break;
      }
    }
  }
  return stats;
}

} // namespace kernels
} // namespace layerwise
