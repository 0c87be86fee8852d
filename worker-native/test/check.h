// Minimal test helpers: named checks counted globally, array comparison that prints the first mismatches
// and the max difference, a deterministic RNG, and a central-difference gradient checker.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace test {

struct Counters {
  int passed = 0, failed = 0;
  bool quiet = false;  // harness self-test: count but do not print
};
inline Counters& counters() {
  static Counters c;
  return c;
}

inline bool report(const std::string& name, bool ok, const std::string& detail = "") {
  if (ok) {
    ++counters().passed;
  } else {
    ++counters().failed;
    if (!counters().quiet) std::printf("FAIL %s %s\n", name.c_str(), detail.c_str());
  }
  return ok;
}

#define CHECK(cond) ::test::report(std::string(__FILE__ ":") + std::to_string(__LINE__) + " " #cond, (cond))
#define CHECK_NAMED(name, cond) ::test::report((name), (cond))

/** |a-b| <= atol + rtol*max(|a|,|b|) elementwise; NaN in either fails. */
inline bool check_close(const std::string& name, const float* a, const float* b, size_t n, double atol, double rtol) {
  double max_diff = 0.0;
  int shown = 0;
  size_t bad = 0;
  std::string detail;
  for (size_t i = 0; i < n; ++i) {
    const double x = a[i], y = b[i], d = std::fabs(x - y);
    const bool ok = d <= atol + rtol * std::fmax(std::fabs(x), std::fabs(y));
    if (!(d <= max_diff) || std::isnan(d)) max_diff = d;
    if (!ok || std::isnan(d)) {
      ++bad;
      if (shown < 5) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "\n    [%zu] got %.8g want %.8g (diff %.3g)", i, x, y, d);
        detail += buf;
        ++shown;
      }
    }
  }
  if (bad) {
    char buf[120];
    std::snprintf(buf, sizeof buf, "\n    %zu of %zu mismatched, max diff %.3g", bad, n, max_diff);
    detail += buf;
  }
  return report(name, bad == 0, detail);
}

inline bool check_close(const std::string& name, const std::vector<float>& a, const std::vector<float>& b,
                        double atol, double rtol) {
  if (a.size() != b.size()) return report(name, false, "size mismatch");
  return check_close(name, a.data(), b.data(), a.size(), atol, rtol);
}

inline bool check_near(const std::string& name, double got, double want, double tol) {
  const bool ok = std::fabs(got - want) <= tol * std::fmax(1.0, std::fabs(want));
  char buf[160];
  std::snprintf(buf, sizeof buf, "got %.10g want %.10g", got, want);
  return report(name, ok, buf);
}

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed * 2654435761u + 1) {}
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  float uniform(float lo = -1.0f, float hi = 1.0f) {
    return lo + (hi - lo) * static_cast<float>(next() >> 40) / 16777216.0f;
  }
  std::vector<float> vec(size_t n, float lo = -1.0f, float hi = 1.0f) {
    std::vector<float> v(n);
    for (auto& x : v) x = uniform(lo, hi);
    return v;
  }
  /** Values in [-hi,-gap] U [gap,hi]: away from kinks at 0. */
  std::vector<float> vec_away_from_zero(size_t n, float gap = 0.05f, float hi = 1.0f) {
    std::vector<float> v(n);
    for (auto& x : v) {
      const float m = uniform(gap, hi);
      x = (next() & 1) ? m : -m;
    }
    return v;
  }
};

/** Central-difference check of analytic gradient `grad` of scalar loss() w.r.t. the buffer x (perturbed
 *  in place and restored). Checks up to max_coords coordinates spread over x. */
inline bool fd_check(const std::string& name, std::vector<float>& x, const std::vector<float>& grad,
                     const std::function<double()>& loss, float h = 1e-3f, double atol = 2e-3, double rtol = 2e-2,
                     size_t max_coords = 48) {
  const size_t n = x.size();
  const size_t step = n > max_coords ? n / max_coords : 1;
  std::vector<float> num, ana;
  for (size_t i = 0; i < n; i += step) {
    const float x0 = x[i];
    x[i] = x0 + h;
    const double lp = loss();
    x[i] = x0 - h;
    const double lm = loss();
    x[i] = x0;
    num.push_back(static_cast<float>((lp - lm) / (2.0 * static_cast<double>(h))));
    ana.push_back(grad[i]);
  }
  return check_close(name + " (finite differences)", ana, num, atol, rtol);
}

/** sum_i y_i * r_i in double: a scalar loss whose gradient w.r.t. y is r. */
inline double dot(const std::vector<float>& y, const std::vector<float>& r) {
  double s = 0.0;
  for (size_t i = 0; i < y.size(); ++i) s += static_cast<double>(y[i]) * r[i];
  return s;
}

using TestFn = void (*)();
struct Registry {
  std::vector<std::pair<const char*, TestFn>> tests;
};
inline Registry& registry() {
  static Registry r;
  return r;
}
struct Register {
  Register(const char* name, TestFn fn) { registry().tests.emplace_back(name, fn); }
};
#define TEST(name)                                   \
  static void name();                                \
  static ::test::Register name##_register(#name, name); \
  static void name()

}  // namespace test
