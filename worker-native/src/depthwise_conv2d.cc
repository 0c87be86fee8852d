#include "depthwise_conv2d.h"

#include <algorithm>
#include <vector>

#include "conv2d.h"
#include "cpu_features.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

// Weight gradients are summed into this many partial buffers (fewer for tiny inputs), whatever the thread
// count, then added up in order: the result is the same on 1 or 16 threads.
constexpr int64_t kPartials = 16;

struct Geometry {
  int oh, ow, pt, pl, cm;
  int64_t rows;  // N * OH
};

Geometry geometry(const DepthwiseConv2DParams& p) {
  Geometry g;
  g.oh = conv_out_size(p.h, p.kh, p.sh, p.same);
  g.ow = conv_out_size(p.w, p.kw, p.sw, p.same);
  g.pt = conv_pad_before(p.h, p.kh, p.sh, p.same);
  g.pl = conv_pad_before(p.w, p.kw, p.sw, p.same);
  g.cm = p.in_c * p.multiplier;
  g.rows = static_cast<int64_t>(p.batch) * g.oh;
  return g;
}

int64_t partials(const Geometry& g) { return std::max<int64_t>(1, std::min(kPartials, g.rows)); }

// out[c*M + m] += x[c] * w[c*M + m] over one kernel tap; M == 1 is the common, vectorisable case.
inline void tap_forward(const float* x, const float* w, float* out, int c, int m) {
  if (m == 1) {
    for (int i = 0; i < c; ++i) out[i] += x[i] * w[i];
    return;
  }
  for (int i = 0; i < c; ++i) {
    const float xv = x[i];
    for (int j = 0; j < m; ++j) out[i * m + j] += xv * w[i * m + j];
  }
}

constexpr int kBlock = 8;  // channels kept in registers; constant-bound loops vectorise at -O2

// The multiplier-1 row kernels below are written once and built twice on GCC/clang: as is (SSE2) and
// inlined into AVX2 wrappers chosen at run time (cpu_features.h), where the 8-channel blocks become one
// 256-bit register. No fused multiply-add is formed (ISO C++ mode), so both give the same bits.
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#define LW_DEPTHWISE_AVX2 1
#define LW_INLINE inline __attribute__((always_inline))
#else
#define LW_INLINE inline
#endif

// Taps [k0, k1) of a window at output position o: those that land inside the input.
inline void valid_taps(int o, int s, int pad, int k, int size, int& k0, int& k1) {
  const int first = o * s - pad;
  k0 = std::max(0, -first);
  k1 = std::min(k, size - first);
}

// One output row (multiplier 1): every pixel's channels in blocks of kBlock, accumulated over the window in
// registers and stored once.
LW_INLINE void forward_row_m1_body(const DepthwiseConv2DParams& p, const Geometry& g, const float* x, const float* w,
                    const float* b, float* y, int64_t r) {
  const int64_t n = r / g.oh;
  const int oy = static_cast<int>(r % g.oh), c = p.in_c;
  int ky0, ky1;
  valid_taps(oy, p.sh, g.pt, p.kh, p.h, ky0, ky1);
  for (int ox = 0; ox < g.ow; ++ox) {
    int kx0, kx1;
    valid_taps(ox, p.sw, g.pl, p.kw, p.w, kx0, kx1);
    float* out = y + (r * g.ow + ox) * c;
    // Index of the window's top-left cell, which may lie in the padding: pointers are formed per valid tap.
    const int64_t xo = ((n * p.h + (oy * p.sh - g.pt)) * p.w + (ox * p.sw - g.pl)) * c;
    int c0 = 0;
    for (; c0 + kBlock <= c; c0 += kBlock) {
      float acc[kBlock];
      for (int k = 0; k < kBlock; ++k) acc[k] = b ? b[c0 + k] : 0.0f;
      for (int ky = ky0; ky < ky1; ++ky)
        for (int kx = kx0; kx < kx1; ++kx) {
          const float* xp = x + xo + (static_cast<int64_t>(ky) * p.w + kx) * c + c0;
          const float* wp = w + (static_cast<int64_t>(ky) * p.kw + kx) * c + c0;
          for (int k = 0; k < kBlock; ++k) acc[k] += xp[k] * wp[k];
        }
      for (int k = 0; k < kBlock; ++k) out[c0 + k] = acc[k];
    }
    for (; c0 < c; ++c0) {
      float acc = b ? b[c0] : 0.0f;
      for (int ky = ky0; ky < ky1; ++ky)
        for (int kx = kx0; kx < kx1; ++kx)
          acc += x[xo + (static_cast<int64_t>(ky) * p.w + kx) * c + c0] * w[(static_cast<int64_t>(ky) * p.kw + kx) * c + c0];
      out[c0] = acc;
    }
  }
}

// One input row of dx (multiplier 1): each input pixel gathers the output cells whose windows cover it.
// Tap j along an axis is k0 + j*stride, which output cell o0 - j uses; the valid j form a range, so the
// loops have the same plain shape as the forward ones.
inline void gather_range(int i, int pad, int s, int k, int out, int& k0, int& o0, int& j0, int& j1) {
  k0 = (i + pad) % s;
  o0 = (i + pad) / s;
  j0 = std::max(0, o0 - out + 1);
  j1 = std::min((k - k0 + s - 1) / s, o0 + 1);
}

LW_INLINE void dx_row_m1_body(const DepthwiseConv2DParams& p, const Geometry& g, const float* w, const float* dy,
                              float* dx, int64_t r) {
  const int64_t n = r / p.h;
  const int iy = static_cast<int>(r % p.h), c = p.in_c;
  int ky0, oy0, jy0, jy1;
  gather_range(iy, g.pt, p.sh, p.kh, g.oh, ky0, oy0, jy0, jy1);
  const int64_t g_step_y = static_cast<int64_t>(g.ow) * c, w_step_y = static_cast<int64_t>(p.sh) * p.kw * c;
  const int64_t w_step_x = static_cast<int64_t>(p.sw) * c;
  for (int ix = 0; ix < p.w; ++ix) {
    float* d = dx + (r * p.w + ix) * c;
    int kx0, ox0, jx0, jx1;
    gather_range(ix, g.pl, p.sw, p.kw, g.ow, kx0, ox0, jx0, jx1);
    // dy at (oy0, ox0) (maybe past the output: an index, not a pointer) and the kernel at (ky0, kx0):
    // tap (jy, jx) is -jy*g_step_y - jx*c and +jy*w_step_y + jx*w_step_x from them.
    const int64_t gb = ((n * g.oh + oy0) * g.ow + ox0) * c;
    const float* wb = w + (static_cast<int64_t>(ky0) * p.kw + kx0) * c;
    int c0 = 0;
    for (; c0 + kBlock <= c; c0 += kBlock) {
      float acc[kBlock] = {};
      for (int jy = jy0; jy < jy1; ++jy)
        for (int jx = jx0; jx < jx1; ++jx) {
          const float* gp = dy + (gb - jy * g_step_y - static_cast<int64_t>(jx) * c + c0);
          const float* wp = wb + jy * w_step_y + jx * w_step_x + c0;
          for (int k = 0; k < kBlock; ++k) acc[k] += gp[k] * wp[k];
        }
      for (int k = 0; k < kBlock; ++k) d[c0 + k] += acc[k];
    }
    for (; c0 < c; ++c0) {
      float acc = 0.0f;
      for (int jy = jy0; jy < jy1; ++jy)
        for (int jx = jx0; jx < jx1; ++jx)
          acc += dy[gb - jy * g_step_y - static_cast<int64_t>(jx) * c + c0] * wb[jy * w_step_y + jx * w_step_x + c0];
      d[c0] += acc;
    }
  }
}

// Weight gradient of one output row into a partial (multiplier 1): per tap, the contiguous run of output
// pixels whose window uses it, channels in registers across that run.
LW_INLINE void dw_row_m1_body(const DepthwiseConv2DParams& p, const Geometry& g, const float* x, const float* dy, float* pw,
               int64_t r) {
  const int64_t n = r / g.oh;
  const int oy = static_cast<int>(r % g.oh), c = p.in_c;
  int ky0, ky1;
  valid_taps(oy, p.sh, g.pt, p.kh, p.h, ky0, ky1);
  const float* gr = dy + r * g.ow * c;
  for (int ky = ky0; ky < ky1; ++ky) {
    const float* xrow = x + (n * p.h + (oy * p.sh - g.pt + ky)) * p.w * c;
    for (int kx = 0; kx < p.kw; ++kx) {
      // ix = ox*sw - pl + kx inside [0, W)
      const int ox0 = std::max(0, (g.pl - kx + p.sw - 1) / p.sw);
      const int ox1 = std::min(g.ow, (p.w - 1 + g.pl - kx) / p.sw + 1);
      if (ox0 >= ox1 || p.w - 1 + g.pl - kx < 0) continue;
      float* dst = pw + (static_cast<int64_t>(ky) * p.kw + kx) * c;
      const int64_t xstep = static_cast<int64_t>(p.sw) * c;
      const float* x0 = xrow + (static_cast<int64_t>(ox0) * p.sw - g.pl + kx) * c;
      int c0 = 0;
      for (; c0 + kBlock <= c; c0 += kBlock) {
        float acc[kBlock] = {};
        const float* xp = x0 + c0;
        const float* gp = gr + static_cast<int64_t>(ox0) * c + c0;
        for (int ox = ox0; ox < ox1; ++ox, xp += xstep, gp += c)
          for (int k = 0; k < kBlock; ++k) acc[k] += xp[k] * gp[k];
        for (int k = 0; k < kBlock; ++k) dst[c0 + k] += acc[k];
      }
      for (; c0 < c; ++c0) {
        float acc = 0.0f;
        for (int ox = ox0; ox < ox1; ++ox) acc += x0[(ox - ox0) * xstep + c0] * gr[static_cast<int64_t>(ox) * c + c0];
        dst[c0] += acc;
      }
    }
  }
}

#ifdef LW_DEPTHWISE_AVX2
__attribute__((target("avx2"))) void forward_row_m1_avx2(const DepthwiseConv2DParams& p, const Geometry& g,
                                                        const float* x, const float* w, const float* b, float* y,
                                                        int64_t r) {
  forward_row_m1_body(p, g, x, w, b, y, r);
}
__attribute__((target("avx2"))) void dx_row_m1_avx2(const DepthwiseConv2DParams& p, const Geometry& g,
                                                   const float* w, const float* dy, float* dx, int64_t r) {
  dx_row_m1_body(p, g, w, dy, dx, r);
}
__attribute__((target("avx2"))) void dw_row_m1_avx2(const DepthwiseConv2DParams& p, const Geometry& g,
                                                   const float* x, const float* dy, float* pw, int64_t r) {
  dw_row_m1_body(p, g, x, dy, pw, r);
}
#endif

inline bool use_avx2() {
#ifdef LW_DEPTHWISE_AVX2
  return active_isa() != Isa::Scalar;
#else
  return false;
#endif
}

void forward_row_m1(bool avx2, const DepthwiseConv2DParams& p, const Geometry& g, const float* x, const float* w,
                    const float* b, float* y, int64_t r) {
#ifdef LW_DEPTHWISE_AVX2
  if (avx2) return forward_row_m1_avx2(p, g, x, w, b, y, r);
#endif
  forward_row_m1_body(p, g, x, w, b, y, r);
}

void dx_row_m1(bool avx2, const DepthwiseConv2DParams& p, const Geometry& g, const float* w, const float* dy,
               float* dx, int64_t r) {
#ifdef LW_DEPTHWISE_AVX2
  if (avx2) return dx_row_m1_avx2(p, g, w, dy, dx, r);
#endif
  dx_row_m1_body(p, g, w, dy, dx, r);
}

void dw_row_m1(bool avx2, const DepthwiseConv2DParams& p, const Geometry& g, const float* x, const float* dy,
               float* pw, int64_t r) {
#ifdef LW_DEPTHWISE_AVX2
  if (avx2) return dw_row_m1_avx2(p, g, x, dy, pw, r);
#endif
  dw_row_m1_body(p, g, x, dy, pw, r);
}

}  // namespace

size_t depthwise_conv2d_backward_scratch_size(const DepthwiseConv2DParams& p) {
  const Geometry g = geometry(p);
  const size_t per = static_cast<size_t>(p.kh) * p.kw * g.cm + g.cm;
  return per * static_cast<size_t>(partials(g));
}

void depthwise_conv2d_forward(const DepthwiseConv2DParams& p, const float* x, const float* w, const float* b,
                              float* y, ThreadPool* pool) {
  const Geometry g = geometry(p);
  const bool avx2 = use_avx2();
  parallel_for(pool, g.rows, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      if (p.multiplier == 1) {
        forward_row_m1(avx2, p, g, x, w, b, y, r);
        continue;
      }
      const int64_t n = r / g.oh;
      const int oy = static_cast<int>(r % g.oh);
      for (int ox = 0; ox < g.ow; ++ox) {
        float* out = y + (r * g.ow + ox) * g.cm;
        for (int i = 0; i < g.cm; ++i) out[i] = b ? b[i] : 0.0f;
        for (int ky = 0; ky < p.kh; ++ky) {
          const int iy = oy * p.sh - g.pt + ky;
          if (iy < 0 || iy >= p.h) continue;
          for (int kx = 0; kx < p.kw; ++kx) {
            const int ix = ox * p.sw - g.pl + kx;
            if (ix < 0 || ix >= p.w) continue;
            const float* xin = x + ((n * p.h + iy) * p.w + ix) * p.in_c;
            tap_forward(xin, w + (static_cast<int64_t>(ky) * p.kw + kx) * g.cm, out, p.in_c, p.multiplier);
          }
        }
      }
    }
  }, std::max<int64_t>(1, 4096 / std::max<int64_t>(1, static_cast<int64_t>(g.ow) * g.cm * p.kh * p.kw)));
}

void depthwise_conv2d_backward(const DepthwiseConv2DParams& p, const float* x, const float* w, const float* dy,
                               float* dx, float* dw, float* db, float* scratch, ThreadPool* pool) {
  const Geometry g = geometry(p);
  const int m = p.multiplier;
  const bool avx2 = use_avx2();
  if (dx) {
    // Gather: each input cell sums the output cells whose windows cover it, so rows never collide.
    const int64_t in_rows = static_cast<int64_t>(p.batch) * p.h;
    parallel_for(pool, in_rows, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        if (m == 1) {
          dx_row_m1(avx2, p, g, w, dy, dx, r);
          continue;
        }
        const int64_t n = r / p.h;
        const int iy = static_cast<int>(r % p.h);
        for (int ix = 0; ix < p.w; ++ix) {
          float* d = dx + (r * p.w + ix) * p.in_c;
          for (int ky = 0; ky < p.kh; ++ky) {
            const int ty = iy + g.pt - ky;
            if (ty < 0 || ty % p.sh != 0 || ty / p.sh >= g.oh) continue;
            for (int kx = 0; kx < p.kw; ++kx) {
              const int tx = ix + g.pl - kx;
              if (tx < 0 || tx % p.sw != 0 || tx / p.sw >= g.ow) continue;
              const float* gr = dy + ((n * g.oh + ty / p.sh) * g.ow + tx / p.sw) * g.cm;
              const float* wk = w + (static_cast<int64_t>(ky) * p.kw + kx) * g.cm;
              if (m == 1) {
                for (int c = 0; c < p.in_c; ++c) d[c] += gr[c] * wk[c];
              } else {
                for (int c = 0; c < p.in_c; ++c) {
                  float s = 0.0f;
                  for (int j = 0; j < m; ++j) s += gr[c * m + j] * wk[c * m + j];
                  d[c] += s;
                }
              }
            }
          }
        }
      }
    });
  }
  if (!dw && !db) return;
  const int64_t parts = partials(g);
  const size_t wsize = static_cast<size_t>(p.kh) * p.kw * g.cm;
  const size_t per = wsize + g.cm;
  parallel_for(pool, parts, [&](int64_t p0, int64_t p1) {
    for (int64_t part = p0; part < p1; ++part) {
      float* pw = scratch + per * part;
      float* pb = pw + wsize;
      std::fill(pw, pw + per, 0.0f);
      for (int64_t r = g.rows * part / parts; r < g.rows * (part + 1) / parts; ++r) {
        if (m == 1 && dw) dw_row_m1(avx2, p, g, x, dy, pw, r);
        const int64_t n = r / g.oh;
        const int oy = static_cast<int>(r % g.oh);
        for (int ox = 0; ox < g.ow; ++ox) {
          const float* gr = dy + (r * g.ow + ox) * g.cm;
          for (int i = 0; i < g.cm; ++i) pb[i] += gr[i];
          if (!dw || m == 1) continue;
          for (int ky = 0; ky < p.kh; ++ky) {
            const int iy = oy * p.sh - g.pt + ky;
            if (iy < 0 || iy >= p.h) continue;
            for (int kx = 0; kx < p.kw; ++kx) {
              const int ix = ox * p.sw - g.pl + kx;
              if (ix < 0 || ix >= p.w) continue;
              const float* xin = x + ((n * p.h + iy) * p.w + ix) * p.in_c;
              // dw[tap, c*M + m] += x[c] * dy[c*M + m]: the forward tap with dy in the kernel's place.
              tap_forward(xin, gr, pw + (static_cast<int64_t>(ky) * p.kw + kx) * g.cm, p.in_c, m);
            }
          }
        }
      }
    }
  });
  auto reduce = [&](float* dst, size_t offset, size_t count) {
    parallel_for(pool, static_cast<int64_t>(count), [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) {
        float s = 0.0f;
        for (int64_t part = 0; part < parts; ++part) s += scratch[per * part + offset + i];
        dst[i] = s;
      }
    }, 1024);
  };
  if (dw) reduce(dw, 0, wsize);
  if (db) reduce(db, wsize, g.cm);
}

void depthwise_conv2d_forward_reference(const DepthwiseConv2DParams& p, const float* x, const float* w,
                                        const float* b, float* y) {
  const Geometry g = geometry(p);
  const int m = p.multiplier;
  for (int n = 0; n < p.batch; ++n)
    for (int oy = 0; oy < g.oh; ++oy)
      for (int ox = 0; ox < g.ow; ++ox)
        for (int c = 0; c < p.in_c; ++c)
          for (int j = 0; j < m; ++j) {
            double s = b ? b[c * m + j] : 0.0;
            for (int ky = 0; ky < p.kh; ++ky)
              for (int kx = 0; kx < p.kw; ++kx) {
                const int iy = oy * p.sh - g.pt + ky, ix = ox * p.sw - g.pl + kx;
                if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
                s += static_cast<double>(x[((static_cast<int64_t>(n) * p.h + iy) * p.w + ix) * p.in_c + c]) *
                     w[((static_cast<int64_t>(ky) * p.kw + kx) * p.in_c + c) * m + j];
              }
            y[((static_cast<int64_t>(n) * g.oh + oy) * g.ow + ox) * g.cm + c * m + j] = static_cast<float>(s);
          }
}

void depthwise_conv2d_backward_reference(const DepthwiseConv2DParams& p, const float* x, const float* w,
                                         const float* dy, float* dx, float* dw, float* db) {
  const Geometry g = geometry(p);
  const int m = p.multiplier;
  const size_t wsize = static_cast<size_t>(p.kh) * p.kw * g.cm;
  std::vector<double> gw(wsize, 0.0), gb(g.cm, 0.0);
  std::vector<double> gx(static_cast<size_t>(p.batch) * p.h * p.w * p.in_c, 0.0);
  for (int n = 0; n < p.batch; ++n)
    for (int oy = 0; oy < g.oh; ++oy)
      for (int ox = 0; ox < g.ow; ++ox)
        for (int c = 0; c < p.in_c; ++c)
          for (int j = 0; j < m; ++j) {
            const double d = dy[((static_cast<int64_t>(n) * g.oh + oy) * g.ow + ox) * g.cm + c * m + j];
            gb[c * m + j] += d;
            for (int ky = 0; ky < p.kh; ++ky)
              for (int kx = 0; kx < p.kw; ++kx) {
                const int iy = oy * p.sh - g.pt + ky, ix = ox * p.sw - g.pl + kx;
                if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
                const size_t xi = ((static_cast<size_t>(n) * p.h + iy) * p.w + ix) * p.in_c + c;
                const size_t wi = ((static_cast<size_t>(ky) * p.kw + kx) * p.in_c + c) * m + j;
                gw[wi] += x[xi] * d;
                gx[xi] += w[wi] * d;
              }
          }
  if (dx)
    for (size_t i = 0; i < gx.size(); ++i) dx[i] += static_cast<float>(gx[i]);
  if (dw)
    for (size_t i = 0; i < wsize; ++i) dw[i] = static_cast<float>(gw[i]);
  if (db)
    for (int i = 0; i < g.cm; ++i) db[i] = static_cast<float>(gb[i]);
}

}  // namespace kernels
}  // namespace layerwise
