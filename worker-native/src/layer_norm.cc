// LayerNormalization kernels (see layer_norm.h). Row statistics use double accumulators; the weight
// gradients are summed over rows in row order on one thread, so results do not depend on thread count.
#include "layer_norm.h"

#include <cmath>

#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {
inline double scale_at(const float* gamma, int j) { return gamma ? gamma[j] : 1.0; }
} // namespace

void layer_norm_forward(const LayerNormParams& p, const float* x, const float* gamma, const float* beta, float* y,
                        float* mean, float* inv_std, ThreadPool* pool) {
  const int d = p.features;
  auto rows = [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      const float* xr = x + r * d;
      float* yr = y + r * d;
      double sum = 0;
      for (int j = 0; j < d; j++) sum += xr[j];
      const double m = sum / d;
      double squares = 0;
      for (int j = 0; j < d; j++) squares += (xr[j] - m) * (xr[j] - m);
      const double inv = 1.0 / std::sqrt(squares / d + p.epsilon);
      mean[r] = static_cast<float>(m);
      inv_std[r] = static_cast<float>(inv);
      for (int j = 0; j < d; j++)
        yr[j] = static_cast<float>((xr[j] - m) * inv * scale_at(gamma, j) + (beta ? beta[j] : 0.0f));
    }
  };
  parallel_for(pool, p.rows, rows, 16);
}

void layer_norm_backward(const LayerNormParams& p, const float* x, const float* gamma, const float* mean,
                         const float* inv_std, const float* dy, float* dx, float* dgamma, float* dbeta,
                         ThreadPool* pool) {
  const int d = p.features;
  auto rows = [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      const float* xr = x + r * d;
      const float* gr = dy + r * d;
      const double m = mean[r], inv = inv_std[r];
      double g_sum = 0, gx_sum = 0;
      for (int j = 0; j < d; j++) {
        const double g = gr[j] * scale_at(gamma, j);
        g_sum += g;
        gx_sum += g * (xr[j] - m) * inv;
      }
      const double g_mean = g_sum / d, gx_mean = gx_sum / d;
      float* dxr = dx + r * d;
      for (int j = 0; j < d; j++) {
        const double xhat = (xr[j] - m) * inv;
        dxr[j] += static_cast<float>(inv * (gr[j] * scale_at(gamma, j) - g_mean - xhat * gx_mean));
      }
    }
  };
  if (dx != nullptr) parallel_for(pool, p.rows, rows, 16);
  if (dgamma == nullptr && dbeta == nullptr) return;
  // Per feature, summed over rows in row order: deterministic whatever the pool.
  for (int j = 0; j < d; j++) {
    double sg = 0, sb = 0;
    for (int64_t r = 0; r < p.rows; r++) {
      const double g = dy[r * d + j];
      sg += g * (x[r * d + j] - mean[r]) * inv_std[r];
      sb += g;
    }
    if (dgamma) dgamma[j] = static_cast<float>(sg);
    if (dbeta) dbeta[j] = static_cast<float>(sb);
  }
}

} // namespace kernels
} // namespace layerwise
