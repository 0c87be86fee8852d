#include "optimizers.h"

#include <algorithm>
#include <cmath>

#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {
constexpr int64_t kGrain = 32768;

#if defined(__GNUC__) || defined(__clang__)
#define LW_RESTRICT __restrict__
#else
#define LW_RESTRICT
#endif

// Restrict-qualified and by value: with the lambda's by-reference captures the compiler reloaded every
// constant after each store and kept the loop scalar (the optimizer step cost 8% of a CNN epoch).
void adam_range(float* LW_RESTRICT p, const float* LW_RESTRICT g, float* LW_RESTRICT m, float* LW_RESTRICT v, int64_t n,
                float alpha, float one_b1, float one_b2, float eps) {
  for (int64_t i = 0; i < n; ++i) {
    const float gi = g[i];
    const float mi = m[i] + (gi - m[i]) * one_b1;
    const float vi = v[i] + (gi * gi - v[i]) * one_b2;
    m[i] = mi;
    v[i] = vi;
    p[i] -= (mi * alpha) / (std::sqrt(vi) + eps);
  }
}
}  // namespace

void sgd_step(float* p, const float* g, float* m, size_t n, float lr, float momentum, bool nesterov, ThreadPool* pool) {
  parallel_for(pool, static_cast<int64_t>(n), [&](int64_t b, int64_t e) {
    if (momentum == 0.0f || !m) {
      for (int64_t i = b; i < e; ++i) p[i] -= g[i] * lr;
    } else if (!nesterov) {
      for (int64_t i = b; i < e; ++i) {
        m[i] = m[i] * momentum - g[i] * lr;
        p[i] += m[i];
      }
    } else {
      for (int64_t i = b; i < e; ++i) {
        m[i] = m[i] * momentum - g[i] * lr;
        p[i] += m[i] * momentum - g[i] * lr;
      }
    }
  }, kGrain);
}

void adam_step(float* p, const float* g, float* m, float* v, size_t n, int64_t t, const AdamParams& a, ThreadPool* pool) {
  const double b1p = std::pow(static_cast<double>(a.beta_1), static_cast<double>(t));
  const double b2p = std::pow(static_cast<double>(a.beta_2), static_cast<double>(t));
  const float alpha = static_cast<float>(a.lr * std::sqrt(1.0 - b2p) / (1.0 - b1p));
  const float one_b1 = 1.0f - a.beta_1, one_b2 = 1.0f - a.beta_2, eps = a.epsilon;
  parallel_for(pool, static_cast<int64_t>(n), [=](int64_t b, int64_t e) {
    adam_range(p + b, g + b, m + b, v + b, e - b, alpha, one_b1, one_b2, eps);
  }, kGrain);
}

void adamw_step(float* p, const float* g, float* m, float* v, size_t n, int64_t t, const AdamParams& a,
                float weight_decay, ThreadPool* pool) {
  apply_weight_decay(p, n, a.lr, weight_decay, pool);
  adam_step(p, g, m, v, n, t, a, pool);
}

void rmsprop_step(float* p, const float* g, float* v, float* mom, size_t n, const RmsPropParams& r, ThreadPool* pool) {
  const float rho = r.rho, one_rho = 1.0f - r.rho, lr = r.lr, eps = r.epsilon, mu = r.momentum;
  parallel_for(pool, static_cast<int64_t>(n), [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const float gi = g[i];
      v[i] = rho * v[i] + one_rho * gi * gi;
      const float inc = lr * gi / std::sqrt(v[i] + eps);
      if (mu > 0.0f && mom) {
        mom[i] = mu * mom[i] + inc;
        p[i] -= mom[i];
      } else {
        p[i] -= inc;
      }
    }
  }, kGrain);
}

void apply_weight_decay(float* p, size_t n, float lr, float weight_decay, ThreadPool* pool) {
  if (weight_decay == 0.0f) return;
  const float f = lr * weight_decay;
  parallel_for(pool, static_cast<int64_t>(n), [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) p[i] -= p[i] * f;
  }, kGrain);
}

double add_l2_regularization(const float* p, float* g, size_t n, float l2) {
  if (l2 == 0.0f) return 0.0;
  double s = 0.0;
  const float f = 2.0f * l2;
  for (size_t i = 0; i < n; ++i) {
    s += static_cast<double>(p[i]) * p[i];
    g[i] += f * p[i];
  }
  return l2 * s;
}

double add_l1_regularization(const float* p, float* g, size_t n, float l1) {
  if (l1 == 0.0f) return 0.0;
  double s = 0.0;
  for (size_t i = 0; i < n; ++i) {
    s += std::fabs(static_cast<double>(p[i]));
    g[i] += p[i] > 0 ? l1 : p[i] < 0 ? -l1 : 0.0f; // d|w|/dw = sign(w), 0 at 0 as in TensorFlow
  }
  return l1 * s;
}

double l2_norm(const float* g, size_t n) {
  double s = 0.0;
  for (size_t i = 0; i < n; ++i) s += static_cast<double>(g[i]) * g[i];
  return std::sqrt(s);
}

double clip_by_global_norm(float* const* grads, const size_t* sizes, int count, float clipnorm) {
  double s = 0.0;
  for (int k = 0; k < count; ++k) {
    const double nk = l2_norm(grads[k], sizes[k]);
    s += nk * nk;
  }
  const double norm = std::sqrt(s);
  if (clipnorm > 0.0f && norm > clipnorm) {
    const float f = static_cast<float>(clipnorm / norm);
    for (int k = 0; k < count; ++k)
      for (size_t i = 0; i < sizes[k]; ++i) grads[k][i] *= f;
  }
  return norm;
}

double clip_by_global_norm(float* grads, size_t n, float clipnorm) {
  float* const ptrs[1] = {grads};
  const size_t sizes[1] = {n};
  return clip_by_global_norm(ptrs, sizes, 1, clipnorm);
}

double clip_by_norm(float* grads, size_t n, float clipnorm) { return clip_by_global_norm(grads, n, clipnorm); }

float lr_constant(float lr, int64_t) { return lr; }

float lr_step_decay(float lr, int64_t step, int64_t every_steps, float gamma) {
  if (every_steps <= 0) return lr;
  const int64_t k = std::max<int64_t>(step, 0) / every_steps;
  return static_cast<float>(lr * std::pow(static_cast<double>(gamma), static_cast<double>(k)));
}

float lr_cosine_decay(float lr, int64_t step, int64_t decay_steps, float alpha) {
  if (decay_steps <= 0) return lr;
  const double s = static_cast<double>(std::min(std::max<int64_t>(step, 0), decay_steps)) / static_cast<double>(decay_steps);
  const double cosine = 0.5 * (1.0 + std::cos(3.14159265358979323846 * s));
  return static_cast<float>(lr * ((1.0 - alpha) * cosine + alpha));
}

}  // namespace kernels
}  // namespace layerwise
