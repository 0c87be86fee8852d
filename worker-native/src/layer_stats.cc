// Tensor statistics in blocks: 8 float lanes per block (which the compiler vectorises without
// -ffast-math, the lanes being explicit), each block's partial sums added into doubles, so the error
// stays that of a short float sum. Values are shifted by the first one before squaring, which keeps the
// variance accurate when the mean is large next to the spread.
#include "layer_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace layerwise::kernels {

namespace {

constexpr size_t kLanes = 8;
constexpr size_t kBlock = 512; // values per block: 64 per lane before the partial sums go to double

struct Sums {
  double sum = 0, squares = 0, zeros = 0, saturated = 0, nonfinite = 0;
};

template <bool kSaturates>
void add_block(const float* x, size_t n, float shift, float lo, float hi, Sums& out) {
  float s[kLanes] = {}, q[kLanes] = {}, z[kLanes] = {}, t[kLanes] = {}, bad[kLanes] = {};
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (size_t l = 0; l < kLanes; l++) {
      const float v = x[i + l];
      const float d = v - shift;
      s[l] += d;
      q[l] += d * d;
      z[l] += v == 0.0f ? 1.0f : 0.0f;
      bad[l] += v * 0.0f; // 0 for a finite value, NaN for NaN or infinity
      if (kSaturates) t[l] += (v <= lo || v >= hi) ? 1.0f : 0.0f;
    }
  for (; i < n; i++) {
    const float v = x[i];
    const float d = v - shift;
    s[0] += d;
    q[0] += d * d;
    z[0] += v == 0.0f ? 1.0f : 0.0f;
    bad[0] += v * 0.0f;
    if (kSaturates) t[0] += (v <= lo || v >= hi) ? 1.0f : 0.0f;
  }
  for (size_t l = 0; l < kLanes; l++) {
    out.sum += s[l];
    out.squares += q[l];
    out.zeros += z[l];
    out.saturated += t[l];
    out.nonfinite += bad[l];
  }
}

bool bounds(Act act, float& lo, float& hi) {
  if (act == Act::Sigmoid) {
    lo = kSaturationMargin;
    hi = 1.0f - kSaturationMargin;
    return true;
  }
  if (act == Act::Tanh) {
    lo = -1.0f + kSaturationMargin;
    hi = 1.0f - kSaturationMargin;
    return true;
  }
  return false;
}

double softmax_saturated_rows(const float* x, size_t n, size_t row) {
  if (row == 0 || n < row) return 0;
  const size_t rows = n / row;
  size_t saturated = 0;
  for (size_t r = 0; r < rows; r++) {
    const float* p = x + r * row;
    saturated += *std::max_element(p, p + row) > kSoftmaxSaturation ? 1 : 0;
  }
  return static_cast<double>(saturated) / static_cast<double>(rows);
}

} // namespace

TensorStats tensor_stats(const float* x, size_t n, Act act, size_t row) {
  TensorStats out;
  if (n == 0) return out;
  float lo = 0, hi = 0;
  const bool saturates = bounds(act, lo, hi);
  // A non-finite first value would poison every shifted sum; the finite check below still sees it.
  const float shift = std::isfinite(x[0]) ? x[0] : 0.0f;
  Sums sums;
  for (size_t start = 0; start < n; start += kBlock) {
    const size_t len = std::min(kBlock, n - start);
    if (saturates) add_block<true>(x + start, len, shift, lo, hi, sums);
    else add_block<false>(x + start, len, shift, lo, hi, sums);
  }
  const double count = static_cast<double>(n);
  const double mean_shifted = sums.sum / count;
  out.mean = shift + mean_shifted;
  out.std = std::sqrt(std::max(0.0, sums.squares / count - mean_shifted * mean_shifted));
  out.zero_fraction = sums.zeros / count;
  out.saturated_fraction = saturates ? sums.saturated / count : act == Act::Softmax ? softmax_saturated_rows(x, n, row) : 0.0;
  out.finite = sums.nonfinite == 0; // NaN compares unequal
  out.l2 = out.finite ? vector_norm(x, n) : std::numeric_limits<double>::quiet_NaN();
  return out;
}

TensorStats tensor_stats_reference(const float* x, size_t n, Act act, size_t row) {
  TensorStats out;
  if (n == 0) return out;
  double sum = 0, zeros = 0, saturated = 0;
  for (size_t i = 0; i < n; i++) {
    sum += x[i];
    zeros += x[i] == 0.0f ? 1 : 0;
    out.finite = out.finite && std::isfinite(x[i]);
    if (act == Act::Sigmoid) saturated += (x[i] <= 1e-3 || x[i] >= 1 - 1e-3) ? 1 : 0;
    if (act == Act::Tanh) saturated += (x[i] <= -1 + 1e-3 || x[i] >= 1 - 1e-3) ? 1 : 0;
  }
  out.mean = sum / static_cast<double>(n);
  double squares = 0;
  for (size_t i = 0; i < n; i++) squares += (x[i] - out.mean) * (x[i] - out.mean);
  out.std = std::sqrt(squares / static_cast<double>(n));
  out.zero_fraction = zeros / static_cast<double>(n);
  if (act == Act::Sigmoid || act == Act::Tanh) out.saturated_fraction = saturated / static_cast<double>(n);
  if (act == Act::Softmax && row > 0 && n >= row) {
    double rows_saturated = 0;
    for (size_t r = 0; r < n / row; r++) {
      double best = x[r * row];
      for (size_t c = 1; c < row; c++) best = std::max(best, static_cast<double>(x[r * row + c]));
      rows_saturated += best > 0.99 ? 1 : 0;
    }
    out.saturated_fraction = rows_saturated / static_cast<double>(n / row);
  }
  out.l2 = vector_norm_reference(x, n);
  return out;
}

// sqrt(sum of value(i)^2) over [0, n): float partial sums per lane within a block, then double.
template <class Value>
double blocked_norm(size_t n, Value value) {
  double total = 0;
  for (size_t start = 0; start < n; start += kBlock) {
    const size_t len = std::min(kBlock, n - start);
    float q[kLanes] = {};
    size_t i = 0;
    for (; i + kLanes <= len; i += kLanes)
      for (size_t l = 0; l < kLanes; l++) {
        const float v = value(start + i + l);
        q[l] += v * v;
      }
    for (; i < len; i++) q[0] += value(start + i) * value(start + i);
    for (size_t l = 0; l < kLanes; l++) total += q[l];
  }
  return std::sqrt(total);
}

double vector_norm(const float* x, size_t n) {
  return blocked_norm(n, [x](size_t i) { return x[i]; });
}

double vector_norm_reference(const float* x, size_t n) {
  double total = 0;
  for (size_t i = 0; i < n; i++) total += static_cast<double>(x[i]) * x[i];
  return std::sqrt(total);
}

double l2_distance(const float* a, const float* b, size_t n) {
  return blocked_norm(n, [a, b](size_t i) { return a[i] - b[i]; });
}

double l2_distance_reference(const float* a, const float* b, size_t n) {
  double total = 0;
  for (size_t i = 0; i < n; i++) total += (static_cast<double>(a[i]) - b[i]) * (static_cast<double>(a[i]) - b[i]);
  return std::sqrt(total);
}

bool all_finite(const float* x, size_t n) {
  float bad[kLanes] = {};
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (size_t l = 0; l < kLanes; l++) bad[l] += x[i + l] * 0.0f;
  for (; i < n; i++) bad[0] += x[i] * 0.0f;
  float total = 0;
  for (size_t l = 0; l < kLanes; l++) total += bad[l];
  return total == 0.0f;
}

} // namespace layerwise::kernels
