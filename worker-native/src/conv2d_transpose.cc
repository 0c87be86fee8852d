#include "conv2d_transpose.h"

#include <algorithm>
#include <vector>

#include "gemm.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

constexpr size_t kColsBudget = size_t(1) << 21;  // floats of column buffer per chunk (8 MiB)

inline size_t pad16(size_t n) { return (n + 15) / 16 * 16; }

struct Geometry {
  int oh, ow, pt, pl;
  int kdim;        // KH*KW*F: one input cell's columns
  int64_t pix;     // H*W input cells per sample
  int chunk;       // samples per GEMM
};

Geometry geometry(const Conv2DTransposeParams& p) {
  Geometry g;
  g.oh = conv_transpose_out_size(p.h, p.kh, p.sh, p.same);
  g.ow = conv_transpose_out_size(p.w, p.kw, p.sw, p.same);
  g.pt = conv_transpose_pad_before(p.kh, p.sh, p.same);
  g.pl = conv_transpose_pad_before(p.kw, p.sw, p.same);
  g.kdim = p.kh * p.kw * p.out_c;
  g.pix = static_cast<int64_t>(p.h) * p.w;
  const size_t per_sample = static_cast<size_t>(std::max<int64_t>(g.pix, 1)) * std::max(g.kdim, 1);
  g.chunk = static_cast<int>(std::max<size_t>(1, std::min<size_t>(std::max(p.batch, 1), kColsBudget / per_sample)));
  return g;
}

size_t cols_floats(const Geometry& g) { return pad16(static_cast<size_t>(g.chunk) * g.pix * g.kdim); }

// y rows of samples [n0, n0 + count) from their columns: each output cell gathers the taps that land on it.
void col2im(const Conv2DTransposeParams& p, const Geometry& g, const float* cols, const float* b, int n0, int count,
            float* y, ThreadPool* pool) {
  const int f = p.out_c;
  parallel_for(pool, static_cast<int64_t>(count) * g.oh, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t s = r / g.oh;
      const int oy = static_cast<int>(r % g.oh);
      for (int ox = 0; ox < g.ow; ++ox) {
        float* out = y + (((n0 + s) * g.oh + oy) * g.ow + ox) * f;
        for (int i = 0; i < f; ++i) out[i] = b ? b[i] : 0.0f;
        for (int ky = 0; ky < p.kh; ++ky) {
          const int ty = oy + g.pt - ky;
          if (ty < 0 || ty % p.sh != 0 || ty / p.sh >= p.h) continue;
          for (int kx = 0; kx < p.kw; ++kx) {
            const int tx = ox + g.pl - kx;
            if (tx < 0 || tx % p.sw != 0 || tx / p.sw >= p.w) continue;
            const float* c = cols + ((s * p.h + ty / p.sh) * p.w + tx / p.sw) * g.kdim +
                             (static_cast<int64_t>(ky) * p.kw + kx) * f;
            for (int i = 0; i < f; ++i) out[i] += c[i];
          }
        }
      }
    }
  });
}

// The columns of dy for samples [n0, n0 + count): row (s, iy, ix) holds dy at every tap of that input cell.
void im2col(const Conv2DTransposeParams& p, const Geometry& g, const float* dy, int n0, int count, float* cols,
            ThreadPool* pool) {
  const int f = p.out_c;
  parallel_for(pool, static_cast<int64_t>(count) * p.h, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t s = r / p.h;
      const int iy = static_cast<int>(r % p.h);
      for (int ix = 0; ix < p.w; ++ix) {
        float* row = cols + (r * p.w + ix) * g.kdim;
        for (int ky = 0; ky < p.kh; ++ky) {
          const int oy = iy * p.sh + ky - g.pt;
          for (int kx = 0; kx < p.kw; ++kx) {
            const int ox = ix * p.sw + kx - g.pl;
            float* dst = row + (static_cast<int64_t>(ky) * p.kw + kx) * f;
            if (oy < 0 || oy >= g.oh || ox < 0 || ox >= g.ow) {
              std::fill(dst, dst + f, 0.0f);
              continue;
            }
            const float* src = dy + (((n0 + s) * g.oh + oy) * g.ow + ox) * f;
            std::copy(src, src + f, dst);
          }
        }
      }
    }
  });
}

}  // namespace

int conv_transpose_out_size(int in, int k, int s, bool same) { return same ? in * s : in * s + std::max(k - s, 0); }

int conv_transpose_pad_before(int k, int s, bool same) { return same ? std::max(k - s, 0) / 2 : 0; }

size_t conv2d_transpose_forward_scratch_size(const Conv2DTransposeParams& p, int threads) {
  const Geometry g = geometry(p);
  const int m = static_cast<int>(g.chunk * g.pix);
  return cols_floats(g) + pad16(gemm_scratch_size(m, g.kdim, p.in_c, threads));
}

size_t conv2d_transpose_backward_scratch_size(const Conv2DTransposeParams& p, int threads) {
  const Geometry g = geometry(p);
  const int m = static_cast<int>(g.chunk * g.pix);
  const size_t gs = std::max(gemm_scratch_size(m, p.in_c, g.kdim, threads), gemm_scratch_size(g.kdim, p.in_c, m, threads));
  return cols_floats(g) + pad16(gs);
}

void conv2d_transpose_forward(const Conv2DTransposeParams& p, const float* x, const float* w, const float* b,
                              float* y, float* scratch, ThreadPool* pool) {
  const Geometry g = geometry(p);
  float* cols = scratch;
  float* gemm_scratch = scratch + cols_floats(g);
  for (int n0 = 0; n0 < p.batch; n0 += g.chunk) {
    const int count = std::min(g.chunk, p.batch - n0);
    const int m = static_cast<int>(count * g.pix);
    // cols (m, KH*KW*F) = x (m, Cin) · kernelᵀ, the kernel read as (KH*KW*F, Cin).
    gemm(false, true, m, g.kdim, p.in_c, 1.0f, x + static_cast<int64_t>(n0) * g.pix * p.in_c, p.in_c, w, p.in_c,
         0.0f, cols, g.kdim, gemm_scratch, pool);
    col2im(p, g, cols, b, n0, count, y, pool);
  }
}

void conv2d_transpose_backward(const Conv2DTransposeParams& p, const float* x, const float* w, const float* dy,
                               float* dx, float* dw, float* db, float* scratch, ThreadPool* pool) {
  const Geometry g = geometry(p);
  if (db) {
    const int64_t cells = static_cast<int64_t>(p.batch) * g.oh * g.ow;
    parallel_for(pool, p.out_c, [&](int64_t f0, int64_t f1) {
      for (int64_t f = f0; f < f1; ++f) {
        double s = 0.0;
        for (int64_t i = 0; i < cells; ++i) s += dy[i * p.out_c + f];
        db[f] = static_cast<float>(s);
      }
    });
  }
  if (!dx && !dw) return;
  float* cols = scratch;
  float* gemm_scratch = scratch + cols_floats(g);
  for (int n0 = 0; n0 < p.batch; n0 += g.chunk) {
    const int count = std::min(g.chunk, p.batch - n0);
    const int m = static_cast<int>(count * g.pix);
    im2col(p, g, dy, n0, count, cols, pool);
    const int64_t at = static_cast<int64_t>(n0) * g.pix * p.in_c;
    // dx (m, Cin) += dcols (m, KH*KW*F) · kernel (KH*KW*F, Cin)
    if (dx) gemm(false, false, m, p.in_c, g.kdim, 1.0f, cols, g.kdim, w, p.in_c, 1.0f, dx + at, p.in_c, gemm_scratch, pool);
    // dkernel (KH*KW*F, Cin) (+)= dcolsᵀ · x (m, Cin)
    if (dw)
      gemm(true, false, g.kdim, p.in_c, m, 1.0f, cols, g.kdim, x + at, p.in_c, n0 == 0 ? 0.0f : 1.0f, dw, p.in_c,
           gemm_scratch, pool);
  }
  if (dw && p.batch == 0) std::fill(dw, dw + static_cast<size_t>(g.kdim) * p.in_c, 0.0f);
}

void conv2d_transpose_forward_reference(const Conv2DTransposeParams& p, const float* x, const float* w,
                                        const float* b, float* y) {
  const Geometry g = geometry(p);
  const int f = p.out_c;
  std::vector<double> acc(static_cast<size_t>(p.batch) * g.oh * g.ow * f, 0.0);
  for (int n = 0; n < p.batch; ++n)
    for (int iy = 0; iy < p.h; ++iy)
      for (int ix = 0; ix < p.w; ++ix)
        for (int ky = 0; ky < p.kh; ++ky)
          for (int kx = 0; kx < p.kw; ++kx) {
            const int oy = iy * p.sh + ky - g.pt, ox = ix * p.sw + kx - g.pl;
            if (oy < 0 || oy >= g.oh || ox < 0 || ox >= g.ow) continue;
            for (int o = 0; o < f; ++o)
              for (int c = 0; c < p.in_c; ++c)
                acc[((static_cast<size_t>(n) * g.oh + oy) * g.ow + ox) * f + o] +=
                    static_cast<double>(x[((static_cast<size_t>(n) * p.h + iy) * p.w + ix) * p.in_c + c]) *
                    w[((static_cast<size_t>(ky) * p.kw + kx) * f + o) * p.in_c + c];
          }
  for (size_t i = 0; i < acc.size(); ++i) y[i] = static_cast<float>(acc[i] + (b ? b[i % f] : 0.0f));
}

void conv2d_transpose_backward_reference(const Conv2DTransposeParams& p, const float* x, const float* w,
                                         const float* dy, float* dx, float* dw, float* db) {
  const Geometry g = geometry(p);
  const int f = p.out_c;
  std::vector<double> gw(static_cast<size_t>(g.kdim) * p.in_c, 0.0), gb(f, 0.0);
  for (int n = 0; n < p.batch; ++n) {
    for (size_t i = 0; i < static_cast<size_t>(g.oh) * g.ow * f; ++i)
      gb[i % f] += dy[static_cast<size_t>(n) * g.oh * g.ow * f + i];
    for (int iy = 0; iy < p.h; ++iy)
      for (int ix = 0; ix < p.w; ++ix)
        for (int c = 0; c < p.in_c; ++c) {
          const size_t xi = ((static_cast<size_t>(n) * p.h + iy) * p.w + ix) * p.in_c + c;
          double gx = 0.0;
          for (int ky = 0; ky < p.kh; ++ky)
            for (int kx = 0; kx < p.kw; ++kx) {
              const int oy = iy * p.sh + ky - g.pt, ox = ix * p.sw + kx - g.pl;
              if (oy < 0 || oy >= g.oh || ox < 0 || ox >= g.ow) continue;
              for (int o = 0; o < f; ++o) {
                const double d = dy[((static_cast<size_t>(n) * g.oh + oy) * g.ow + ox) * f + o];
                const size_t wi = ((static_cast<size_t>(ky) * p.kw + kx) * f + o) * p.in_c + c;
                gx += d * w[wi];
                gw[wi] += d * x[xi];
              }
            }
          if (dx) dx[xi] += static_cast<float>(gx);
        }
  }
  if (dw)
    for (size_t i = 0; i < gw.size(); ++i) dw[i] = static_cast<float>(gw[i]);
  if (db)
    for (int i = 0; i < f; ++i) db[i] = static_cast<float>(gb[i]);
}

}  // namespace kernels
}  // namespace layerwise
