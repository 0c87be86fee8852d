#include "initializers.h"

#include <algorithm>
#include <cmath>

#include "random.h"

namespace layerwise {
namespace kernels {

namespace {

constexpr double kTruncatedStddevFix = 0.87962566103423978;

void uniform(float* out, size_t n, double limit, uint64_t seed) {
  const uint64_t key = random_key(seed, 0x1234);
  for (size_t i = 0; i < n; ++i) {
    const double u = (random_bits(key, i) >> 11) * (1.0 / 9007199254740992.0);  // [0, 1), 53 bits
    out[i] = static_cast<float>((2.0 * u - 1.0) * limit);
  }
}

void truncated_normal(float* out, size_t n, double stddev, uint64_t seed) {
  for (size_t i = 0; i < n; ++i) {
    double z = 0.0;
    for (uint64_t attempt = 0;; ++attempt) {  // terminates with probability 1 (~95% accept per try)
      z = random_normal(random_key(seed, 0x5678 + attempt), i);
      if (std::fabs(z) <= 2.0) break;
    }
    out[i] = static_cast<float>(z * stddev);
  }
}

}  // namespace

void initialize(Initializer kind, float* out, size_t n, int fan_in, int fan_out, uint64_t seed) {
  const double fi = std::max(1, fan_in), fo = std::max(1, fan_out);
  switch (kind) {
    case Initializer::GlorotUniform: uniform(out, n, std::sqrt(6.0 / (fi + fo)), seed); break;
    case Initializer::GlorotNormal:
      truncated_normal(out, n, std::sqrt(1.0 / ((fi + fo) / 2.0)) / kTruncatedStddevFix, seed);
      break;
    case Initializer::HeNormal: truncated_normal(out, n, std::sqrt(2.0 / fi) / kTruncatedStddevFix, seed); break;
    case Initializer::HeUniform: uniform(out, n, std::sqrt(6.0 / fi), seed); break;
    case Initializer::LecunNormal: truncated_normal(out, n, std::sqrt(1.0 / fi) / kTruncatedStddevFix, seed); break;
    case Initializer::Zeros: std::fill(out, out + n, 0.0f); break;
    case Initializer::Ones: std::fill(out, out + n, 1.0f); break;
  }
}

}  // namespace kernels
}  // namespace layerwise
