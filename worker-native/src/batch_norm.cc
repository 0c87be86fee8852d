#include "batch_norm.h"

#include <algorithm>
#include <cmath>

#include "elementwise.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

constexpr int kChunks = 8;  // fixed reduction split: results independent of thread count

inline int64_t chunk_begin(int64_t rows, int k, int chunks) { return rows * k / chunks; }

int chunk_count(int64_t rows) { return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(kChunks, rows))); }

constexpr int kFlush = 128;  // rows summed in float before flushing into the double totals

// Per-channel sums of two quantities over all rows. f(r, fa, fb) adds row r's contributions into the
// float accumulators fa, fb (C each, vectorisable); every kFlush rows they are flushed into double
// partials, one set per fixed chunk, then combined in chunk order.
// part: chunks * 2 * C doubles; facc: chunks * 2 * C floats.
template <class F>
void reduce2(const BatchNormParams& p, double* part, float* facc, double* out_a, double* out_b, ThreadPool* pool, F f) {
  const int C = p.channels;
  const int chunks = chunk_count(p.rows);
  auto run_chunk = [&](int k) {
    double* a = part + static_cast<size_t>(k) * 2 * C;
    double* b = a + C;
    float* fa = facc + static_cast<size_t>(k) * 2 * C;
    float* fb = fa + C;
    std::fill(a, a + 2 * C, 0.0);
    std::fill(fa, fa + 2 * C, 0.0f);
    const int64_t r0 = chunk_begin(p.rows, k, chunks), r1 = chunk_begin(p.rows, k + 1, chunks);
    for (int64_t r = r0; r < r1; ++r) {
      f(r, fa, fb);
      if ((r - r0) % kFlush == kFlush - 1 || r == r1 - 1) {
        for (int c = 0; c < C; ++c) {
          a[c] += fa[c];
          b[c] += fb[c];
          fa[c] = 0.0f;
          fb[c] = 0.0f;
        }
      }
    }
  };
  if (pool) {
    pool->run(chunks, run_chunk);
  } else {
    for (int k = 0; k < chunks; ++k) run_chunk(k);
  }
  std::fill(out_a, out_a + C, 0.0);
  std::fill(out_b, out_b + C, 0.0);
  for (int k = 0; k < chunks; ++k) {
    const double* a = part + static_cast<size_t>(k) * 2 * C;
    for (int c = 0; c < C; ++c) {
      out_a[c] += a[c];
      out_b[c] += a[C + c];
    }
  }
}

// y = (x - mean) * scale + shift per row, scale/shift/mean per channel (blocks of 8: vectorisable).
inline void normalize_row(const float* x, const float* mean, const float* scale, const float* shift, float* y, int C) {
  int c = 0;
  for (; c + 8 <= C; c += 8) {
    float t[8];
    for (int k = 0; k < 8; ++k) t[k] = (x[c + k] - mean[c + k]) * scale[c + k] + shift[c + k];
    for (int k = 0; k < 8; ++k) y[c + k] = t[k];
  }
  for (; c < C; ++c) y[c] = (x[c] - mean[c]) * scale[c] + shift[c];
}

// Scratch layout: [part: kChunks*2*C doubles][totals: 2*C doubles][facc: kChunks*2*C floats]
// [scale, shift, aux: 3*C floats].
struct Scratch {
  double* part;
  double* s1;
  double* s2;
  float* facc;
  float* scale;
  float* shift;
  float* aux;
};

Scratch carve(float* scratch, int C) {
  uintptr_t u = reinterpret_cast<uintptr_t>(scratch);
  u = (u + 7) & ~uintptr_t(7);
  Scratch s;
  s.part = reinterpret_cast<double*>(u);
  s.s1 = s.part + static_cast<size_t>(kChunks) * 2 * C;
  s.s2 = s.s1 + C;
  s.facc = reinterpret_cast<float*>(s.s2 + C);
  s.scale = s.facc + static_cast<size_t>(kChunks) * 2 * C;
  s.shift = s.scale + C;
  s.aux = s.shift + C;
  return s;
}

}  // namespace

size_t batch_norm_scratch_size(const BatchNormParams& p) {
  const size_t C = static_cast<size_t>(p.channels);
  return (kChunks * 2 + 2) * C * 2 + kChunks * 2 * C + 3 * C + 4;
}

void batch_norm_forward_training(const BatchNormParams& p, const float* x, const float* gamma, const float* beta,
                                 float* y, float* batch_mean, float* batch_inv_std, float* moving_mean,
                                 float* moving_var, float* scratch, ThreadPool* pool) {
  const int C = p.channels;
  if (C <= 0 || p.rows <= 0) return;
  const Scratch sc = carve(scratch, C);
  // Pass 1: mean.
  reduce2(p, sc.part, sc.facc, sc.s1, sc.s2, pool, [&](int64_t r, float* a, float*) { ew::add_to(x + r * C, a, C); });
  const double inv_n = 1.0 / static_cast<double>(p.rows);
  for (int c = 0; c < C; ++c) batch_mean[c] = static_cast<float>(sc.s1[c] * inv_n);
  // Pass 2: biased variance around the mean.
  reduce2(p, sc.part, sc.facc, sc.s1, sc.s2, pool, [&](int64_t r, float* a, float*) {
    ew::map3(x + r * C, batch_mean, a, a, C, [](float v, float m, float acc) { return acc + (v - m) * (v - m); });
  });
  for (int c = 0; c < C; ++c) {
    const double var = sc.s1[c] * inv_n;
    batch_inv_std[c] = static_cast<float>(1.0 / std::sqrt(var + p.epsilon));
    if (moving_mean) moving_mean[c] = moving_mean[c] * p.momentum + batch_mean[c] * (1.0f - p.momentum);
    if (moving_var) {
      const double v = p.unbiased_moving_variance && p.rows > 1 ? sc.s1[c] / static_cast<double>(p.rows - 1) : var;
      moving_var[c] = moving_var[c] * p.momentum + static_cast<float>(v) * (1.0f - p.momentum);
    }
    sc.scale[c] = batch_inv_std[c] * (gamma ? gamma[c] : 1.0f);
    sc.shift[c] = beta ? beta[c] : 0.0f;
  }
  parallel_for(pool, p.rows, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) normalize_row(x + r * C, batch_mean, sc.scale, sc.shift, y + r * C, C);
  }, 1024);
}

void batch_norm_forward_inference(const BatchNormParams& p, const float* x, const float* gamma, const float* beta,
                                  const float* moving_mean, const float* moving_var, float* y, ThreadPool* pool) {
  const int C = p.channels;
  if (C <= 0 || p.rows <= 0) return;
  constexpr int kCB = 64;  // channels per block: per-channel factors live on the stack
  parallel_for(pool, p.rows, [&](int64_t b, int64_t e) {
    for (int c0 = 0; c0 < C; c0 += kCB) {
      const int cn = std::min(kCB, C - c0);
      float scale[kCB], shift[kCB];
      for (int c = 0; c < cn; ++c) {
        scale[c] = (gamma ? gamma[c0 + c] : 1.0f) / std::sqrt(moving_var[c0 + c] + p.epsilon);
        shift[c] = beta ? beta[c0 + c] : 0.0f;
      }
      for (int64_t r = b; r < e; ++r) normalize_row(x + r * C + c0, moving_mean + c0, scale, shift, y + r * C + c0, cn);
    }
  }, 1024);
}

// dx[r] += (dy[r] - mdy) * k1 - (x[r] - mean) * k2   per channel (blocks of 8).
static inline void bn_dx_row(const float* x, const float* dy, const float* mean, const float* mdy, const float* k1,
                             const float* k2, float* dx, int C) {
  int c = 0;
  for (; c + 8 <= C; c += 8) {
    float t[8];
    for (int k = 0; k < 8; ++k)
      t[k] = dx[c + k] + (dy[c + k] - mdy[c + k]) * k1[c + k] - (x[c + k] - mean[c + k]) * k2[c + k];
    for (int k = 0; k < 8; ++k) dx[c + k] = t[k];
  }
  for (; c < C; ++c) dx[c] += (dy[c] - mdy[c]) * k1[c] - (x[c] - mean[c]) * k2[c];
}

// a[c] += dy[c];  b[c] += dy[c] * (x[c] - mean[c])   (blocks of 8: vectorisable)
static inline void dy_sums_row(const float* x, const float* dy, const float* mean, float* a, float* b, int C) {
  int c = 0;
  for (; c + 8 <= C; c += 8) {
    float ta[8], tb[8];
    for (int k = 0; k < 8; ++k) {
      ta[k] = a[c + k] + dy[c + k];
      tb[k] = b[c + k] + dy[c + k] * (x[c + k] - mean[c + k]);
    }
    for (int k = 0; k < 8; ++k) {
      a[c + k] = ta[k];
      b[c + k] = tb[k];
    }
  }
  for (; c < C; ++c) {
    a[c] += dy[c];
    b[c] += dy[c] * (x[c] - mean[c]);
  }
}

void batch_norm_backward_training(const BatchNormParams& p, const float* x, const float* gamma,
                                  const float* mean, const float* inv_std, const float* dy, float* dx,
                                  float* dgamma, float* dbeta, float* scratch, ThreadPool* pool) {
  const int C = p.channels;
  if (C <= 0 || p.rows <= 0) return;
  const Scratch sc = carve(scratch, C);
  // sum(dy) and sum(dy * xhat) per channel, xhat = (x - mean) * inv_std.
  reduce2(p, sc.part, sc.facc, sc.s1, sc.s2, pool, [&](int64_t r, float* a, float* b) {
    dy_sums_row(x + r * C, dy + r * C, mean, a, b, C);
  });
  for (int c = 0; c < C; ++c) sc.s2[c] *= inv_std[c];
  if (dbeta)
    for (int c = 0; c < C; ++c) dbeta[c] = static_cast<float>(sc.s1[c]);
  if (dgamma)
    for (int c = 0; c < C; ++c) dgamma[c] = static_cast<float>(sc.s2[c]);
  if (!dx) return;
  // dx = gamma * inv_std * (dy - mean(dy) - xhat * mean(dy * xhat))
  //    = (dy - mdy) * k1 - (x - mean) * k2,  k1 = gamma * inv_std,  k2 = k1 * inv_std * mean(dy * xhat)
  const double inv_n = 1.0 / static_cast<double>(p.rows);
  float* mdy = sc.aux;
  for (int c = 0; c < C; ++c) {
    const float g = gamma ? gamma[c] : 1.0f;
    mdy[c] = static_cast<float>(sc.s1[c] * inv_n);
    sc.scale[c] = g * inv_std[c];
    sc.shift[c] = static_cast<float>(sc.scale[c] * static_cast<double>(inv_std[c]) * sc.s2[c] * inv_n);
  }
  parallel_for(pool, p.rows, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) bn_dx_row(x + r * C, dy + r * C, mean, mdy, sc.scale, sc.shift, dx + r * C, C);
  }, 1024);
}

void batch_norm_backward_inference(const BatchNormParams& p, const float* x, const float* gamma,
                                   const float* moving_mean, const float* moving_var, const float* dy, float* dx,
                                   float* dgamma, float* dbeta, float* scratch, ThreadPool* pool) {
  const int C = p.channels;
  if (C <= 0 || p.rows <= 0) return;
  const Scratch sc = carve(scratch, C);
  for (int c = 0; c < C; ++c) sc.aux[c] = 1.0f / std::sqrt(moving_var[c] + p.epsilon);  // inv std
  if (dgamma || dbeta) {
    reduce2(p, sc.part, sc.facc, sc.s1, sc.s2, pool, [&](int64_t r, float* a, float* b) {
      dy_sums_row(x + r * C, dy + r * C, moving_mean, a, b, C);
    });
    if (dbeta)
      for (int c = 0; c < C; ++c) dbeta[c] = static_cast<float>(sc.s1[c]);
    if (dgamma)
      for (int c = 0; c < C; ++c) dgamma[c] = static_cast<float>(sc.s2[c] * sc.aux[c]);
  }
  if (!dx) return;
  for (int c = 0; c < C; ++c) sc.scale[c] = (gamma ? gamma[c] : 1.0f) * sc.aux[c];
  parallel_for(pool, p.rows, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r)
      ew::map3(dy + r * C, sc.scale, dx + r * C, dx + r * C, C, [](float g, float k, float o) { return o + g * k; });
  }, 1024);
}

}  // namespace kernels
}  // namespace layerwise
