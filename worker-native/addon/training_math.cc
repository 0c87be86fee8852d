// Initialisers (Keras variance scaling, truncated normals), schedules (Keras CosineDecay, step decay)
// and optimizers (Keras 3 SGD, Adam, AdamW, RMSprop).
#include "training_math.h"

#include <cmath>
#include <random>

namespace layerwise {
namespace {

// splitmix64: a tiny, well-mixed generator; one stream per weight slot.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return (next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
  double normal() {                                                         // Box-Muller
    double u1 = uniform(), u2 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double truncated_normal() { // within two standard deviations, as Keras' TruncatedNormal
    for (;;) {
      const double x = normal();
      if (std::fabs(x) <= 2.0) return x;
    }
  }
};

// Keras VarianceScaling with a truncated normal divides the stddev by this to keep the variance.
constexpr double kTruncatedStd = 0.87962566103423978;

} // namespace

void initialize_weight(const WeightSlot& slot, uint32_t seed, uint64_t slot_index, float* out) {
  SplitMix64 rng{(static_cast<uint64_t>(seed) << 32) ^ (slot_index * 0x632BE59BD9B4E019ULL)};
  const double fan_in = slot.fan_in, fan_out = slot.fan_out;
  auto uniform = [&](double limit) {
    for (size_t i = 0; i < slot.size; i++) out[i] = static_cast<float>((rng.uniform() * 2 - 1) * limit);
  };
  auto truncated = [&](double variance) {
    const double stddev = std::sqrt(variance) / kTruncatedStd;
    for (size_t i = 0; i < slot.size; i++) out[i] = static_cast<float>(rng.truncated_normal() * stddev);
  };
  switch (slot.init) {
    case Init::Zeros: std::fill(out, out + slot.size, 0.0f); break;
    case Init::Ones: std::fill(out, out + slot.size, 1.0f); break;
    case Init::GlorotUniform: uniform(std::sqrt(6.0 / (fan_in + fan_out))); break;
    case Init::HeUniform: uniform(std::sqrt(6.0 / fan_in)); break;
    case Init::GlorotNormal: truncated(2.0 / (fan_in + fan_out)); break;
    case Init::HeNormal: truncated(2.0 / fan_in); break;
    case Init::LecunNormal: truncated(1.0 / fan_in); break;
  }
}

float scheduled_learning_rate(const OptimizerConfig& opt, const ScheduleConfig& s, int64_t step) {
  switch (s.kind) {
    case ScheduleKind::Constant: return opt.learning_rate;
    case ScheduleKind::Step:
      return static_cast<float>(opt.learning_rate * std::pow(static_cast<double>(s.gamma), static_cast<double>(step / s.every_steps)));
    case ScheduleKind::Cosine: {
      const double progress = std::min<double>(static_cast<double>(step), static_cast<double>(s.decay_steps)) / s.decay_steps;
      const double cosine = 0.5 * (1 + std::cos(3.141592653589793 * progress));
      return static_cast<float>(opt.learning_rate * ((1 - s.alpha) * cosine + s.alpha));
    }
  }
  return opt.learning_rate;
}

void optimizer_step(const OptimizerConfig& o, float lr, int64_t step, float* p, const float* g, float* m, float* v, size_t n,
                    ThreadPool*) {
  switch (o.kind) {
    case OptimizerKind::Sgd:
      if (o.momentum == 0) {
        for (size_t i = 0; i < n; i++) p[i] -= lr * g[i];
      } else {
        for (size_t i = 0; i < n; i++) {
          m[i] = o.momentum * m[i] - lr * g[i];
          p[i] += o.nesterov ? o.momentum * m[i] - lr * g[i] : m[i];
        }
      }
      return;
    case OptimizerKind::AdamW:
      for (size_t i = 0; i < n; i++) p[i] -= p[i] * o.weight_decay * lr;
      [[fallthrough]];
    case OptimizerKind::Adam: {
      const double t = static_cast<double>(step);
      const float lr_t = static_cast<float>(lr * std::sqrt(1 - std::pow(o.beta_2, t)) / (1 - std::pow(o.beta_1, t)));
      const float a = 1 - o.beta_1, b = 1 - o.beta_2;
      for (size_t i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * a;
        v[i] += (g[i] * g[i] - v[i]) * b;
        p[i] -= lr_t * m[i] / (std::sqrt(v[i]) + o.epsilon);
      }
      return;
    }
    case OptimizerKind::RmsProp:
      for (size_t i = 0; i < n; i++) {
        v[i] = o.rho * v[i] + (1 - o.rho) * g[i] * g[i];
        const float increment = lr * g[i] / std::sqrt(v[i] + o.epsilon);
        if (o.momentum > 0) {
          m[i] = o.momentum * m[i] + increment;
          p[i] -= m[i];
        } else {
          p[i] -= increment;
        }
      }
      return;
  }
}

} // namespace layerwise
