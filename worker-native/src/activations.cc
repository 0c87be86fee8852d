#include "activations.h"

#include <algorithm>
#include <cmath>

#include "elementwise.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

constexpr int64_t kGrain = 16384;  // elements per parallel chunk, at least

inline float sigmoid(float x) {
  if (x >= 0.0f) return 1.0f / (1.0f + std::exp(-x));
  const float e = std::exp(x);
  return e / (1.0f + e);
}

inline float gelu(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f)); }

inline float gelu_grad(float x) {
  const float cdf = 0.5f * (1.0f + std::erf(x * 0.70710678118654752f));
  const float pdf = 0.39894228040143268f * std::exp(-0.5f * x * x);
  return cdf + x * pdf;
}

template <class F>
void elementwise_forward(const float* x, float* y, int64_t b, int64_t e, F f) {
  ew::map1(x + b, y + b, e - b, f);
}

// dx (=|+=) g(dy, v), v = the saved forward value (y or x) at the same index. g returns the gradient
// itself, written as a select where it can be one (relu: v > 0 ? d : 0): GCC turned d * (v > 0 ? 1 : 0)
// into a branch per element and left the loop scalar.
template <class G>
void apply_grad(const float* dy, const float* v, float* dx, int64_t b, int64_t e, bool acc, G g) {
  if (acc) {
    ew::map3(dy + b, v + b, dx + b, dx + b, e - b, [&](float d, float s, float o) { return o + g(d, s); });
  } else {
    ew::map2(dy + b, v + b, dx + b, e - b, [&](float d, float s) { return g(d, s); });
  }
}

void softmax_rows(const float* x, float* y, int64_t r0, int64_t r1, int64_t cols) {
  for (int64_t r = r0; r < r1; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    float m = xr[0];
    for (int64_t j = 1; j < cols; ++j) m = std::max(m, xr[j]);
    float s = 0.0f;
    for (int64_t j = 0; j < cols; ++j) {
      const float e = std::exp(xr[j] - m);
      yr[j] = e;
      s += e;
    }
    const float inv = 1.0f / s;
    for (int64_t j = 0; j < cols; ++j) yr[j] *= inv;
  }
}

}  // namespace

bool activation_backward_needs_input(Act act) { return act == Act::Gelu || act == Act::Swish; }

float activation_value(Act act, float x) {
  switch (act) {
    case Act::Linear: return x;
    case Act::Relu: return x > 0.0f ? x : 0.0f;
    case Act::Sigmoid: return sigmoid(x);
    case Act::Tanh: return std::tanh(x);
    case Act::LeakyRelu: return x > 0.0f ? x : kLeakyReluSlope * x;
    case Act::Elu: return x > 0.0f ? x : kEluAlpha * std::expm1(x);
    case Act::Gelu: return gelu(x);
    case Act::Swish: return x * sigmoid(x);
    case Act::Softmax: return x;  // not elementwise
  }
  return x;
}

void activation_forward(Act act, const float* x, float* y, int64_t rows, int64_t cols, ThreadPool* pool) {
  const int64_t n = rows * cols;
  if (n <= 0) return;
  if (act == Act::Softmax) {
    parallel_for(pool, rows, [&](int64_t b, int64_t e) { softmax_rows(x, y, b, e, cols); },
                 std::max<int64_t>(1, kGrain / std::max<int64_t>(cols, 1)));
    return;
  }
  parallel_for(pool, n, [&](int64_t b, int64_t e) {
    switch (act) {
      case Act::Linear:
        if (x != y) std::copy(x + b, x + e, y + b);
        break;
      case Act::Relu: elementwise_forward(x, y, b, e, [](float v) { return v > 0.0f ? v : 0.0f; }); break;
      case Act::Sigmoid: elementwise_forward(x, y, b, e, [](float v) { return sigmoid(v); }); break;
      case Act::Tanh: elementwise_forward(x, y, b, e, [](float v) { return std::tanh(v); }); break;
      case Act::LeakyRelu:
        elementwise_forward(x, y, b, e, [](float v) { return v > 0.0f ? v : kLeakyReluSlope * v; });
        break;
      case Act::Elu:
        elementwise_forward(x, y, b, e, [](float v) { return v > 0.0f ? v : kEluAlpha * std::expm1(v); });
        break;
      case Act::Gelu: elementwise_forward(x, y, b, e, [](float v) { return gelu(v); }); break;
      case Act::Swish: elementwise_forward(x, y, b, e, [](float v) { return v * sigmoid(v); }); break;
      case Act::Softmax: break;
    }
  }, kGrain);
}

void bias_activation_forward(Act act, float* z, const float* bias, float* y, int64_t rows, int64_t cols,
                             ThreadPool* pool) {
  if (rows <= 0 || cols <= 0) return;
  if (!bias) {
    if (act != Act::Linear || z != y) activation_forward(act, z, y, rows, cols, pool);
    return;
  }
  if (act == Act::Softmax) {
    parallel_for(pool, rows, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) {
        float* zr = z + r * cols;
        for (int64_t j = 0; j < cols; ++j) zr[j] += bias[j];
        softmax_rows(z, y, r, r + 1, cols);
      }
    }, std::max<int64_t>(1, kGrain / cols));
    return;
  }
  parallel_for(pool, rows, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      float* zr = z + r * cols;
      float* yr = y + r * cols;
      auto run = [&](auto f) {
        if (zr == yr) {
          ew::map2(zr, bias, yr, cols, [&](float v, float bj) { return f(v + bj); });
        } else {
          ew::add_to(bias, zr, cols);  // keep the pre-activation
          ew::map1(zr, yr, cols, f);
        }
      };
      switch (act) {
        case Act::Linear: run([](float v) { return v; }); break;
        case Act::Relu: run([](float v) { return v > 0.0f ? v : 0.0f; }); break;
        case Act::Sigmoid: run([](float v) { return sigmoid(v); }); break;
        case Act::Tanh: run([](float v) { return std::tanh(v); }); break;
        case Act::LeakyRelu: run([](float v) { return v > 0.0f ? v : kLeakyReluSlope * v; }); break;
        case Act::Elu: run([](float v) { return v > 0.0f ? v : kEluAlpha * std::expm1(v); }); break;
        case Act::Gelu: run([](float v) { return gelu(v); }); break;
        case Act::Swish: run([](float v) { return v * sigmoid(v); }); break;
        case Act::Softmax: break;
      }
    }
  }, std::max<int64_t>(1, kGrain / cols));
}

void activation_backward(Act act, const float* x, const float* y, const float* dy, float* dx, int64_t rows,
                         int64_t cols, bool acc, ThreadPool* pool) {
  const int64_t n = rows * cols;
  if (n <= 0) return;
  if (act == Act::Softmax) {
    // dx_j = y_j * (dy_j - sum_k dy_k y_k)
    parallel_for(pool, rows, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        const float* yr = y + r * cols;
        const float* gr = dy + r * cols;
        float* dr = dx + r * cols;
        float dot = 0.0f;
        for (int64_t j = 0; j < cols; ++j) dot += gr[j] * yr[j];
        if (acc) {
          for (int64_t j = 0; j < cols; ++j) dr[j] += yr[j] * (gr[j] - dot);
        } else {
          for (int64_t j = 0; j < cols; ++j) dr[j] = yr[j] * (gr[j] - dot);
        }
      }
    }, std::max<int64_t>(1, kGrain / std::max<int64_t>(cols, 1)));
    return;
  }
  parallel_for(pool, n, [&](int64_t b, int64_t e) {
    switch (act) {
      case Act::Linear:
        if (acc) {
          ew::add_to(dy + b, dx + b, e - b);
        } else if (dx != dy) {
          std::copy(dy + b, dy + e, dx + b);
        }
        break;
      case Act::Relu: apply_grad(dy, y, dx, b, e, acc, [](float d, float v) { return v > 0.0f ? d : 0.0f; }); break;
      case Act::Sigmoid: apply_grad(dy, y, dx, b, e, acc, [](float d, float v) { return d * (v * (1.0f - v)); }); break;
      case Act::Tanh: apply_grad(dy, y, dx, b, e, acc, [](float d, float v) { return d * (1.0f - v * v); }); break;
      case Act::LeakyRelu:
        apply_grad(dy, y, dx, b, e, acc, [](float d, float v) { return v > 0.0f ? d : d * kLeakyReluSlope; });
        break;
      case Act::Elu: apply_grad(dy, y, dx, b, e, acc, [](float d, float v) { return v > 0.0f ? d : d * (v + kEluAlpha); }); break;
      case Act::Gelu: apply_grad(dy, x, dx, b, e, acc, [](float d, float v) { return d * gelu_grad(v); }); break;
      case Act::Swish:
        apply_grad(dy, x, dx, b, e, acc, [](float d, float v) {
          const float s = sigmoid(v);
          return d * (s * (1.0f + v * (1.0f - s)));
        });
        break;
      case Act::Softmax: break;
    }
  }, kGrain);
}

}  // namespace kernels
}  // namespace layerwise
