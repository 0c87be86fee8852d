// Tensor statistics (src/layer_stats): the blocked float-lane versions against the plain double
// references, on sizes that end mid-lane and mid-block, on data with a large mean, with saturated
// sigmoid/tanh/softmax values, and with NaN and infinity at the start, middle and end.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "check.h"
#include "layer_stats.h"

using namespace layerwise::kernels;

namespace {

void check_stats(const std::string& name, const std::vector<float>& x, Act act, size_t row) {
  const TensorStats got = tensor_stats(x.data(), x.size(), act, row);
  const TensorStats want = tensor_stats_reference(x.data(), x.size(), act, row);
  const double scale = std::fabs(want.mean) + want.std + 1e-12;
  test::check_near(name + " mean", got.mean, want.mean, 1e-5 * scale);
  test::check_near(name + " std", got.std, want.std, 1e-4 * want.std + 1e-9);
  test::check_near(name + " zero_fraction", got.zero_fraction, want.zero_fraction, 1e-12);
  test::check_near(name + " saturated_fraction", got.saturated_fraction, want.saturated_fraction, 1e-12);
  test::check_near(name + " l2", got.l2, want.l2, 1e-5 * want.l2 + 1e-12);
  CHECK_NAMED(name + " finite", got.finite == want.finite);
}

} // namespace

TEST(layer_stats_match_reference) {
  test::Rng rng(5);
  for (size_t n : {1u, 7u, 8u, 9u, 511u, 512u, 513u, 4099u}) {
    std::vector<float> x = rng.vec(n);
    for (size_t i = 0; i < n; i += 3) x[i] = std::max(0.0f, x[i]); // ReLU-like zeros
    check_stats("uniform n=" + std::to_string(n), x, Act::Relu, n);
  }
  // A large mean next to a small spread: the shifted sums keep the variance.
  std::vector<float> offset = rng.vec(10000, 999.0f, 1001.0f);
  check_stats("large mean", offset, Act::Linear, 1);
  const TensorStats s = tensor_stats(offset.data(), offset.size(), Act::Linear, 1);
  CHECK(std::fabs(s.std - 2.0 / std::sqrt(12.0)) < 0.02);
}

TEST(layer_stats_zero_fraction) {
  std::vector<float> x(1000, 0.0f);
  for (size_t i = 0; i < 250; i++) x[i * 4] = 1.5f;
  const TensorStats s = tensor_stats(x.data(), x.size(), Act::Relu, 1000);
  test::check_near("three quarters zero", s.zero_fraction, 0.75, 1e-12);
  test::check_near("mean", s.mean, 0.375, 1e-9);
  test::check_near("l2", s.l2, std::sqrt(250 * 2.25), 1e-6);
}

TEST(layer_stats_saturation) {
  test::Rng rng(8);
  std::vector<float> sig = rng.vec(1001, 0.0f, 1.0f);
  for (size_t i = 0; i < 1001; i += 5) sig[i] = i % 2 ? 0.9995f : 0.0002f;
  check_stats("sigmoid", sig, Act::Sigmoid, 1001);
  const TensorStats s = tensor_stats(sig.data(), sig.size(), Act::Sigmoid, 1001);
  CHECK(s.saturated_fraction >= 201.0 / 1001 - 1e-12);
  std::vector<float> th = rng.vec(777);
  for (size_t i = 0; i < 777; i += 7) th[i] = i % 2 ? 0.99995f : -1.0f;
  check_stats("tanh", th, Act::Tanh, 777);
  // Softmax rows of 10: rows 0 and 2 confident (max > 0.99), row 1 not.
  std::vector<float> soft(30, 0.001f);
  soft[3] = 0.991f;
  for (int c = 10; c < 20; c++) soft[c] = 0.1f;
  soft[25] = 0.995f;
  check_stats("softmax", soft, Act::Softmax, 10);
  test::check_near("softmax rows saturated", tensor_stats(soft.data(), 30, Act::Softmax, 10).saturated_fraction, 2.0 / 3, 1e-12);
  // Other activations report no saturation.
  test::check_near("relu never saturates", tensor_stats(sig.data(), sig.size(), Act::Relu, 1).saturated_fraction, 0, 0);
}

TEST(layer_stats_non_finite) {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  for (size_t at : {0u, 5u, 512u, 1022u}) {
    for (float bad : {nan, inf, -inf}) {
      std::vector<float> x(1023, 0.5f);
      x[at] = bad;
      const std::string name = "bad value at " + std::to_string(at);
      CHECK_NAMED(name + " tensor_stats", !tensor_stats(x.data(), x.size(), Act::Linear, 1).finite);
      CHECK_NAMED(name + " reference", !tensor_stats_reference(x.data(), x.size(), Act::Linear, 1).finite);
      CHECK_NAMED(name + " all_finite", !all_finite(x.data(), x.size()));
    }
  }
  std::vector<float> huge(100, 3e38f); // finite values whose squares overflow float are still finite
  CHECK(all_finite(huge.data(), huge.size()));
  CHECK(tensor_stats(huge.data(), huge.size(), Act::Linear, 1).finite);
}

TEST(layer_stats_norms) {
  test::Rng rng(3);
  for (size_t n : {0u, 3u, 8u, 1000u, 100003u}) {
    std::vector<float> a = rng.vec(n), b = rng.vec(n);
    const std::string name = "n=" + std::to_string(n);
    test::check_near(name + " vector_norm", vector_norm(a.data(), n), vector_norm_reference(a.data(), n), 1e-6 * (1 + vector_norm_reference(a.data(), n)));
    test::check_near(name + " l2_distance", l2_distance(a.data(), b.data(), n), l2_distance_reference(a.data(), b.data(), n),
                     1e-6 * (1 + l2_distance_reference(a.data(), b.data(), n)));
  }
}
