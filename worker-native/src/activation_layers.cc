// The activation layers with settings: elementwise loops (split over the pool in large chunks) and a
// strided softmax; the last-axis softmax reuses activations.cc.
#include "activation_layers.h"

#include <algorithm>
#include <cmath>

#include "activations.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {
namespace {

constexpr int64_t kChunk = 1 << 14;

template <typename F>
void each(ThreadPool* pool, int64_t n, F&& f) {
  parallel_for(pool, n, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) f(i);
  }, kChunk);
}

float relu_value(const ReluSettings& s, float x) {
  float pos = x > s.threshold ? x : 0.0f;
  if (s.has_max) pos = std::min(std::max(pos, 0.0f), s.max_value);
  return s.negative_slope == 0.0f ? pos : pos - s.negative_slope * std::max(s.threshold - x, 0.0f);
}

float relu_slope(const ReluSettings& s, float x) {
  // d/dx of the kept part: 1 where x passes the threshold and sits inside the clip; the leak below.
  const bool kept = x > s.threshold && (!s.has_max || (x >= 0.0f && x < s.max_value));
  return (kept ? 1.0f : 0.0f) + (x < s.threshold ? s.negative_slope : 0.0f);
}

}  // namespace

void relu_forward(const ReluSettings& s, const float* x, float* y, int64_t n, ThreadPool* pool) {
  each(pool, n, [&](int64_t i) { y[i] = relu_value(s, x[i]); });
}

void relu_backward(const ReluSettings& s, const float* x, const float* dy, float* dx, int64_t n, ThreadPool* pool) {
  each(pool, n, [&](int64_t i) { dx[i] += dy[i] * relu_slope(s, x[i]); });
}

void elu_forward(float alpha, const float* x, float* y, int64_t n, ThreadPool* pool) {
  each(pool, n, [&](int64_t i) { y[i] = x[i] > 0.0f ? x[i] : alpha * std::expm1(x[i]); });
}

void elu_backward(float alpha, const float* x, const float* y, const float* dy, float* dx, int64_t n,
                  ThreadPool* pool) {
  // For x <= 0, d/dx alpha * (exp(x) - 1) = alpha * exp(x) = y + alpha.
  each(pool, n, [&](int64_t i) { dx[i] += dy[i] * (x[i] > 0.0f ? 1.0f : y[i] + alpha); });
}

void softmax_axis_forward(const float* x, float* y, int64_t outer, int64_t axis, int64_t inner, ThreadPool* pool) {
  if (inner == 1) return activation_forward(Act::Softmax, x, y, outer, axis, pool);
  parallel_for(pool, outer * inner, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t base = (r / inner) * axis * inner + r % inner;
      float mx = x[base];
      for (int64_t j = 1; j < axis; ++j) mx = std::max(mx, x[base + j * inner]);
      double sum = 0;
      for (int64_t j = 0; j < axis; ++j) sum += y[base + j * inner] = std::exp(x[base + j * inner] - mx);
      const float inv = static_cast<float>(1.0 / sum);
      for (int64_t j = 0; j < axis; ++j) y[base + j * inner] *= inv;
    }
  }, std::max<int64_t>(1, kChunk / std::max<int64_t>(axis, 1)));
}

void softmax_axis_backward(const float* y, const float* dy, float* dx, int64_t outer, int64_t axis, int64_t inner,
                           ThreadPool* pool) {
  if (inner == 1) return activation_backward(Act::Softmax, nullptr, y, dy, dx, outer, axis, true, pool);
  parallel_for(pool, outer * inner, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t base = (r / inner) * axis * inner + r % inner;
      double dot = 0;
      for (int64_t j = 0; j < axis; ++j) dot += static_cast<double>(dy[base + j * inner]) * y[base + j * inner];
      for (int64_t j = 0; j < axis; ++j) {
        const int64_t k = base + j * inner;
        dx[k] += y[k] * (dy[k] - static_cast<float>(dot));
      }
    }
  }, std::max<int64_t>(1, kChunk / std::max<int64_t>(axis, 1)));
}

void prelu_forward(const float* x, const float* alpha, const int32_t* index, float* y, int64_t count, int64_t size) {
  for (int64_t s = 0; s < count; ++s) {
    const float* xs = x + s * size;
    float* ys = y + s * size;
    for (int64_t i = 0; i < size; ++i) ys[i] = xs[i] > 0.0f ? xs[i] : alpha[index[i]] * xs[i];
  }
}

void prelu_backward(const float* x, const float* alpha, const int32_t* index, const float* dy, float* dx,
                    float* dalpha, int64_t alpha_size, int64_t count, int64_t size) {
  if (dalpha) std::fill(dalpha, dalpha + alpha_size, 0.0f);
  for (int64_t s = 0; s < count; ++s) {
    const float* xs = x + s * size;
    const float* gs = dy + s * size;
    float* dxs = dx ? dx + s * size : nullptr;
    for (int64_t i = 0; i < size; ++i) {
      const bool positive = xs[i] > 0.0f;
      if (dxs) dxs[i] += gs[i] * (positive ? 1.0f : alpha[index[i]]);
      if (dalpha && !positive) dalpha[index[i]] += gs[i] * xs[i];
    }
  }
}

}  // namespace kernels
}  // namespace layerwise
