#include "depthwise_conv2d.h"

#include <algorithm>
#include <vector>

#include "conv2d.h"
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

}  // namespace

size_t depthwise_conv2d_backward_scratch_size(const DepthwiseConv2DParams& p) {
  const Geometry g = geometry(p);
  const size_t per = static_cast<size_t>(p.kh) * p.kw * g.cm + g.cm;
  return per * static_cast<size_t>(partials(g));
}

void depthwise_conv2d_forward(const DepthwiseConv2DParams& p, const float* x, const float* w, const float* b,
                              float* y, ThreadPool* pool) {
  const Geometry g = geometry(p);
  parallel_for(pool, g.rows, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
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
  if (dx) {
    // Gather: each input cell sums the output cells whose windows cover it, so rows never collide.
    const int64_t in_rows = static_cast<int64_t>(p.batch) * p.h;
    parallel_for(pool, in_rows, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
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
        const int64_t n = r / g.oh;
        const int oy = static_cast<int>(r % g.oh);
        for (int ox = 0; ox < g.ow; ++ox) {
          const float* gr = dy + (r * g.ow + ox) * g.cm;
          for (int i = 0; i < g.cm; ++i) pb[i] += gr[i];
          if (!dw) continue;
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
