// Internal helpers: elementwise loops written in blocks of 8 with constant-bound inner loops, so that
// GCC's -O2 (very-cheap vectoriser cost model) and clang/MSVC vectorise them without -O3 or intrinsics.
// Every input is loaded into a local block before the output is stored, so the output may alias any
// input at the same index (in-place use).
#pragma once
#include <cstdint>

namespace layerwise {
namespace kernels {
namespace ew {

constexpr int kBlock = 8;

// y[i] = f(x[i])
template <class F>
inline void map1(const float* x, float* y, int64_t n, F f) {
  int64_t i = 0;
  for (; i + kBlock <= n; i += kBlock) {
    float t[kBlock];
    for (int k = 0; k < kBlock; ++k) t[k] = x[i + k];
    for (int k = 0; k < kBlock; ++k) t[k] = f(t[k]);
    for (int k = 0; k < kBlock; ++k) y[i + k] = t[k];
  }
  for (; i < n; ++i) y[i] = f(x[i]);
}

// y[i] = f(a[i], b[i])
template <class F>
inline void map2(const float* a, const float* b, float* y, int64_t n, F f) {
  int64_t i = 0;
  for (; i + kBlock <= n; i += kBlock) {
    float ta[kBlock], tb[kBlock];
    for (int k = 0; k < kBlock; ++k) ta[k] = a[i + k];
    for (int k = 0; k < kBlock; ++k) tb[k] = b[i + k];
    for (int k = 0; k < kBlock; ++k) ta[k] = f(ta[k], tb[k]);
    for (int k = 0; k < kBlock; ++k) y[i + k] = ta[k];
  }
  for (; i < n; ++i) y[i] = f(a[i], b[i]);
}

// y[i] = f(a[i], b[i], c[i])
template <class F>
inline void map3(const float* a, const float* b, const float* c, float* y, int64_t n, F f) {
  int64_t i = 0;
  for (; i + kBlock <= n; i += kBlock) {
    float ta[kBlock], tb[kBlock], tc[kBlock];
    for (int k = 0; k < kBlock; ++k) ta[k] = a[i + k];
    for (int k = 0; k < kBlock; ++k) tb[k] = b[i + k];
    for (int k = 0; k < kBlock; ++k) tc[k] = c[i + k];
    for (int k = 0; k < kBlock; ++k) ta[k] = f(ta[k], tb[k], tc[k]);
    for (int k = 0; k < kBlock; ++k) y[i + k] = ta[k];
  }
  for (; i < n; ++i) y[i] = f(a[i], b[i], c[i]);
}

// y[i] += x[i]
inline void add_to(const float* x, float* y, int64_t n) {
  map2(x, y, y, n, [](float a, float b) { return a + b; });
}

// y[i] = max(y[i], x[i]) with the NaN-ignoring comparison x > y ? x : y
inline void max_into(const float* x, float* y, int64_t n) {
  map2(x, y, y, n, [](float a, float b) { return a > b ? a : b; });
}

}  // namespace ew
}  // namespace kernels
}  // namespace layerwise
