// Plain scalar implementations of ops.h: the reference every fast kernel is checked against, and the
// implementation used until a faster one replaces it. Clarity over speed; the pool is ignored.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "ops.h"

namespace layerwise {
namespace ops {

void bias_add(float* y, const float* bias, size_t rows, int cols, ThreadPool*) {
  for (size_t r = 0; r < rows; r++)
    for (int j = 0; j < cols; j++) y[r * cols + j] += bias[j];
}

void bias_grad(const float* g, size_t rows, int cols, float* db) {
  for (int j = 0; j < cols; j++) {
    double sum = 0;
    for (size_t r = 0; r < rows; r++) sum += g[r * cols + j];
    db[j] = static_cast<float>(sum);
  }
}

namespace {
constexpr float kLeakySlope = 0.2f; // keras.activations.leaky_relu default
inline float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }
inline float gelu(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f)); }
inline float gelu_grad(float x) {
  const float cdf = 0.5f * (1.0f + std::erf(x * 0.70710678118654752f));
  return cdf + x * 0.39894228040143268f * std::exp(-0.5f * x * x);
}
} // namespace

void activation_forward(Act act, const float* z, float* y, size_t n, int last, ThreadPool*) {
  switch (act) {
    case Act::Linear:
      if (y != z) std::memcpy(y, z, n * sizeof(float));
      return;
    case Act::Softmax:
      for (size_t row = 0; row < n; row += last) {
        float mx = -std::numeric_limits<float>::infinity();
        for (int j = 0; j < last; j++) mx = std::max(mx, z[row + j]);
        double sum = 0;
        for (int j = 0; j < last; j++) sum += (y[row + j] = std::exp(z[row + j] - mx));
        const float inv = static_cast<float>(1.0 / sum);
        for (int j = 0; j < last; j++) y[row + j] *= inv;
      }
      return;
    default:
      break;
  }
  for (size_t i = 0; i < n; i++) {
    const float x = z[i];
    switch (act) {
      case Act::Relu: y[i] = x > 0 ? x : 0; break;
      case Act::Sigmoid: y[i] = sigmoid(x); break;
      case Act::Tanh: y[i] = std::tanh(x); break;
      case Act::LeakyRelu: y[i] = x > 0 ? x : kLeakySlope * x; break;
      case Act::Elu: y[i] = x > 0 ? x : std::expm1(x); break;
      case Act::Gelu: y[i] = gelu(x); break;
      case Act::Swish: y[i] = x * sigmoid(x); break;
      default: break;
    }
  }
}

void activation_backward(Act act, const float* y, const float* z, float* g, size_t n, int last, ThreadPool*) {
  switch (act) {
    case Act::Linear:
      return;
    case Act::Softmax:
      for (size_t row = 0; row < n; row += last) {
        double dot = 0;
        for (int j = 0; j < last; j++) dot += g[row + j] * y[row + j];
        for (int j = 0; j < last; j++) g[row + j] = y[row + j] * (g[row + j] - static_cast<float>(dot));
      }
      return;
    default:
      break;
  }
  for (size_t i = 0; i < n; i++) {
    switch (act) {
      case Act::Relu: g[i] *= y[i] > 0 ? 1.0f : 0.0f; break;
      case Act::Sigmoid: g[i] *= y[i] * (1 - y[i]); break;
      case Act::Tanh: g[i] *= 1 - y[i] * y[i]; break;
      case Act::LeakyRelu: g[i] *= y[i] > 0 ? 1.0f : kLeakySlope; break;
      case Act::Elu: g[i] *= y[i] > 0 ? 1.0f : y[i] + 1; break;
      case Act::Gelu: g[i] *= gelu_grad(z[i]); break;
      case Act::Swish: {
        const float s = sigmoid(z[i]);
        g[i] *= s * (1 + z[i] * (1 - s));
        break;
      }
      default: break;
    }
  }
}

WindowGeometry window_geometry(int batch, const Shape& in, const Shape& out, int kh, int kw, int sh, int sw, bool same) {
  WindowGeometry g{batch, in[0], in[1], in[2], out[0], out[1], kh, kw, sh, sw, 0, 0};
  if (same) {
    g.pad_top = std::max((g.oh - 1) * sh + kh - g.h, 0) / 2;
    g.pad_left = std::max((g.ow - 1) * sw + kw - g.w, 0) / 2;
  }
  return g;
}

void im2col(const WindowGeometry& g, const float* x, float* col, ThreadPool*) {
  const size_t row_len = static_cast<size_t>(g.kh) * g.kw * g.c;
  for (int b = 0; b < g.batch; b++)
    for (int oy = 0; oy < g.oh; oy++)
      for (int ox = 0; ox < g.ow; ox++) {
        float* row = col + ((static_cast<size_t>(b) * g.oh + oy) * g.ow + ox) * row_len;
        for (int ky = 0; ky < g.kh; ky++)
          for (int kx = 0; kx < g.kw; kx++) {
            const int iy = oy * g.sh + ky - g.pad_top, ix = ox * g.sw + kx - g.pad_left;
            float* dst = row + (static_cast<size_t>(ky) * g.kw + kx) * g.c;
            if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) std::fill(dst, dst + g.c, 0.0f);
            else std::memcpy(dst, x + ((static_cast<size_t>(b) * g.h + iy) * g.w + ix) * g.c, g.c * sizeof(float));
          }
      }
}

void col2im_add(const WindowGeometry& g, const float* dcol, float* dx, ThreadPool*) {
  const size_t row_len = static_cast<size_t>(g.kh) * g.kw * g.c;
  for (int b = 0; b < g.batch; b++)
    for (int oy = 0; oy < g.oh; oy++)
      for (int ox = 0; ox < g.ow; ox++) {
        const float* row = dcol + ((static_cast<size_t>(b) * g.oh + oy) * g.ow + ox) * row_len;
        for (int ky = 0; ky < g.kh; ky++)
          for (int kx = 0; kx < g.kw; kx++) {
            const int iy = oy * g.sh + ky - g.pad_top, ix = ox * g.sw + kx - g.pad_left;
            if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
            const float* src = row + (static_cast<size_t>(ky) * g.kw + kx) * g.c;
            float* dst = dx + ((static_cast<size_t>(b) * g.h + iy) * g.w + ix) * g.c;
            for (int ch = 0; ch < g.c; ch++) dst[ch] += src[ch];
          }
      }
}

void max_pool_forward(const WindowGeometry& g, const float* x, float* y, int32_t* argmax, ThreadPool*) {
  for (int b = 0; b < g.batch; b++) {
    const float* xs = x + static_cast<size_t>(b) * g.h * g.w * g.c;
    for (int oy = 0; oy < g.oh; oy++)
      for (int ox = 0; ox < g.ow; ox++)
        for (int ch = 0; ch < g.c; ch++) {
          float best = -std::numeric_limits<float>::infinity();
          int32_t where = -1;
          for (int ky = 0; ky < g.kh; ky++)
            for (int kx = 0; kx < g.kw; kx++) {
              const int iy = oy * g.sh + ky - g.pad_top, ix = ox * g.sw + kx - g.pad_left;
              if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
              const int32_t idx = (iy * g.w + ix) * g.c + ch;
              if (where < 0 || xs[idx] > best) best = xs[idx], where = idx;
            }
          const size_t o = ((static_cast<size_t>(b) * g.oh + oy) * g.ow + ox) * g.c + ch;
          y[o] = best;
          argmax[o] = where;
        }
  }
}

void max_pool_backward(const WindowGeometry& g, const float* dy, const int32_t* argmax, float* dx, ThreadPool*) {
  const size_t out_per = static_cast<size_t>(g.oh) * g.ow * g.c, in_per = static_cast<size_t>(g.h) * g.w * g.c;
  for (int b = 0; b < g.batch; b++)
    for (size_t o = 0; o < out_per; o++) dx[b * in_per + argmax[b * out_per + o]] += dy[b * out_per + o];
}

void avg_pool_forward(const WindowGeometry& g, const float* x, float* y, ThreadPool*) {
  for (int b = 0; b < g.batch; b++)
    for (int oy = 0; oy < g.oh; oy++)
      for (int ox = 0; ox < g.ow; ox++)
        for (int ch = 0; ch < g.c; ch++) {
          double sum = 0;
          int count = 0;
          for (int ky = 0; ky < g.kh; ky++)
            for (int kx = 0; kx < g.kw; kx++) {
              const int iy = oy * g.sh + ky - g.pad_top, ix = ox * g.sw + kx - g.pad_left;
              if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
              sum += x[((static_cast<size_t>(b) * g.h + iy) * g.w + ix) * g.c + ch];
              count++;
            }
          y[((static_cast<size_t>(b) * g.oh + oy) * g.ow + ox) * g.c + ch] = static_cast<float>(sum / std::max(count, 1));
        }
}

void avg_pool_backward(const WindowGeometry& g, const float* dy, float* dx, ThreadPool*) {
  for (int b = 0; b < g.batch; b++)
    for (int oy = 0; oy < g.oh; oy++)
      for (int ox = 0; ox < g.ow; ox++) {
        int count = 0;
        for (int ky = 0; ky < g.kh; ky++)
          for (int kx = 0; kx < g.kw; kx++) {
            const int iy = oy * g.sh + ky - g.pad_top, ix = ox * g.sw + kx - g.pad_left;
            count += (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w);
          }
        for (int ch = 0; ch < g.c; ch++) {
          const float share = dy[((static_cast<size_t>(b) * g.oh + oy) * g.ow + ox) * g.c + ch] / std::max(count, 1);
          for (int ky = 0; ky < g.kh; ky++)
            for (int kx = 0; kx < g.kw; kx++) {
              const int iy = oy * g.sh + ky - g.pad_top, ix = ox * g.sw + kx - g.pad_left;
              if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) dx[((static_cast<size_t>(b) * g.h + iy) * g.w + ix) * g.c + ch] += share;
            }
        }
      }
}

void global_avg_pool_forward(int batch, int hw, int c, const float* x, float* y) {
  for (int b = 0; b < batch; b++)
    for (int ch = 0; ch < c; ch++) {
      double sum = 0;
      for (int p = 0; p < hw; p++) sum += x[(static_cast<size_t>(b) * hw + p) * c + ch];
      y[b * c + ch] = static_cast<float>(sum / hw);
    }
}

void global_avg_pool_backward(int batch, int hw, int c, const float* dy, float* dx) {
  for (int b = 0; b < batch; b++)
    for (int p = 0; p < hw; p++)
      for (int ch = 0; ch < c; ch++) dx[(static_cast<size_t>(b) * hw + p) * c + ch] += dy[b * c + ch] / hw;
}

void global_max_pool_forward(int batch, int hw, int c, const float* x, float* y, int32_t* argmax) {
  for (int b = 0; b < batch; b++)
    for (int ch = 0; ch < c; ch++) {
      int32_t where = 0;
      for (int p = 1; p < hw; p++)
        if (x[(static_cast<size_t>(b) * hw + p) * c + ch] > x[(static_cast<size_t>(b) * hw + where) * c + ch]) where = p;
      y[b * c + ch] = x[(static_cast<size_t>(b) * hw + where) * c + ch];
      argmax[b * c + ch] = where;
    }
}

void global_max_pool_backward(int batch, int hw, int c, const float* dy, const int32_t* argmax, float* dx) {
  for (int b = 0; b < batch; b++)
    for (int ch = 0; ch < c; ch++) dx[(static_cast<size_t>(b) * hw + argmax[b * c + ch]) * c + ch] += dy[b * c + ch];
}

void batch_norm_train_forward(size_t rows, int c, const float* x, const float* gamma, const float* beta, float epsilon,
                              float momentum, float* moving_mean, float* moving_var, float* y, float* xhat,
                              float* inv_std, ThreadPool*) {
  for (int ch = 0; ch < c; ch++) {
    double mean = 0, var = 0;
    for (size_t r = 0; r < rows; r++) mean += x[r * c + ch];
    mean /= static_cast<double>(rows);
    for (size_t r = 0; r < rows; r++) var += (x[r * c + ch] - mean) * (x[r * c + ch] - mean);
    var /= static_cast<double>(rows);
    inv_std[ch] = static_cast<float>(1.0 / std::sqrt(var + epsilon));
    moving_mean[ch] = static_cast<float>(moving_mean[ch] * momentum + mean * (1 - momentum));
    moving_var[ch] = static_cast<float>(moving_var[ch] * momentum + var * (1 - momentum));
    const float g = gamma ? gamma[ch] : 1.0f, bt = beta ? beta[ch] : 0.0f;
    for (size_t r = 0; r < rows; r++) {
      xhat[r * c + ch] = static_cast<float>((x[r * c + ch] - mean) * inv_std[ch]);
      y[r * c + ch] = xhat[r * c + ch] * g + bt;
    }
  }
}

void batch_norm_infer_forward(size_t rows, int c, const float* x, const float* gamma, const float* beta, float epsilon,
                              const float* moving_mean, const float* moving_var, float* y, ThreadPool*) {
  for (int ch = 0; ch < c; ch++) {
    const float scale = (gamma ? gamma[ch] : 1.0f) / std::sqrt(moving_var[ch] + epsilon);
    const float shift = (beta ? beta[ch] : 0.0f) - moving_mean[ch] * scale;
    for (size_t r = 0; r < rows; r++) y[r * c + ch] = x[r * c + ch] * scale + shift;
  }
}

void batch_norm_backward(size_t rows, int c, const float* dy, const float* xhat, const float* inv_std, const float* gamma,
                         float* dx, float* dgamma, float* dbeta, ThreadPool*) {
  for (int ch = 0; ch < c; ch++) {
    double sum_dy = 0, sum_dy_xhat = 0;
    for (size_t r = 0; r < rows; r++) {
      sum_dy += dy[r * c + ch];
      sum_dy_xhat += dy[r * c + ch] * xhat[r * c + ch];
    }
    if (dgamma) dgamma[ch] = static_cast<float>(sum_dy_xhat);
    if (dbeta) dbeta[ch] = static_cast<float>(sum_dy);
    if (!dx) continue;
    const double k = (gamma ? gamma[ch] : 1.0f) * inv_std[ch] / static_cast<double>(rows);
    for (size_t r = 0; r < rows; r++)
      dx[r * c + ch] += static_cast<float>(k * (rows * dy[r * c + ch] - sum_dy - xhat[r * c + ch] * sum_dy_xhat));
  }
}

namespace {
// splitmix64 of (seed, step, index): a counter-based generator, so any thread computes any mask bit.
inline bool keep(uint64_t seed, uint64_t step, size_t i, float rate) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ULL + step * 0xD1B54A32D192ED03ULL + i;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<float>(z >> 40) * (1.0f / 16777216.0f) >= rate;
}
} // namespace

void dropout_forward(const float* x, float* y, size_t n, float rate, uint64_t seed, uint64_t step, ThreadPool*) {
  const float scale = 1.0f / (1.0f - rate);
  for (size_t i = 0; i < n; i++) y[i] = keep(seed, step, i, rate) ? x[i] * scale : 0.0f;
}

void dropout_backward(const float* dy, float* dx, size_t n, float rate, uint64_t seed, uint64_t step, ThreadPool*) {
  const float scale = 1.0f / (1.0f - rate);
  for (size_t i = 0; i < n; i++)
    if (keep(seed, step, i, rate)) dx[i] += dy[i] * scale;
}

} // namespace ops
} // namespace layerwise
