#include "conv2d.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "gemm.h"
#include "elementwise.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

constexpr size_t kColsBudget = size_t(1) << 21;  // floats of im2col buffer per chunk (8 MiB)
constexpr size_t kCacheBudget = size_t(1) << 16;  // floats of cols + output per small chunk (256 KiB)

inline size_t pad16(size_t n) { return (n + 15) / 16 * 16; }

struct Geometry {
  int oh, ow, pt, pl;
  int kdim;         // KH*KW*Cin
  int64_t pix;      // OH*OW
  bool direct;      // 1x1, stride 1, no padding: x is already the column matrix
  bool pack_windows;  // the GEMMs read windows straight from x into their panels (no column matrix);
                      // with a channel or two (a first layer) an explicit im2col measured faster
  int chunk;        // samples per im2col chunk
};

// Forward plan: small sample chunks (cols + output stay in cache) spread over the threads, each with a
// single-threaded GEMM, when there are enough of them; otherwise large chunks with a threaded GEMM.
struct ForwardPlan {
  bool batch_parallel;
  int chunk;             // samples per chunk
  size_t packed_w;       // floats of the kernel packed once for the GEMMs (first in scratch)
  size_t cols_floats;    // floats of im2col buffer per chunk (0 when the GEMM packs windows itself)
  size_t per_task;       // floats of scratch per task (batch_parallel) or in all
};

// Backward plan: cache-sized chunks of samples, in `groups` fixed runs of chunks, each summing its own
// partial weight gradient; threads take whole groups. Used when there are at least as many chunks as
// threads; otherwise whole-batch steps with threaded GEMMs.
struct BackwardPlan {
  bool batch_parallel;
  int chunk;           // samples per chunk
  int chunks, groups;
  size_t dz_floats;    // per task: the chunk's gradient after the activation (0 when linear)
  size_t cols_floats;  // per task: im2col of the chunk, reused for its column gradients
  size_t per_task;     // floats of scratch per thread
  size_t partial;      // floats per group: kdim * out_c weight gradient + out_c bias gradient
  size_t packed_wt;    // the kernel transposed and packed once for the input gradient (after the partials)
};

constexpr int kWeightGradGroups = 8;

// Tasks a batch-parallel pass is split into: several per thread, claimed as threads come free.
int batch_tasks(int chunks, int threads) { return std::min(chunks, threads * ThreadPool::kTasksPerThread); }

Geometry geometry(const Conv2DParams& p);

ForwardPlan forward_plan(const Conv2DParams& p, const Geometry& g, int threads);
BackwardPlan backward_plan(const Conv2DParams& p, const Geometry& g, int threads);

Geometry geometry(const Conv2DParams& p) {
  Geometry g;
  g.oh = conv_out_size(p.h, p.kh, p.sh, p.same);
  g.ow = conv_out_size(p.w, p.kw, p.sw, p.same);
  g.pt = conv_pad_before(p.h, p.kh, p.sh, p.same);
  g.pl = conv_pad_before(p.w, p.kw, p.sw, p.same);
  g.kdim = p.kh * p.kw * p.in_c;
  g.pix = static_cast<int64_t>(g.oh) * g.ow;
  g.direct = p.kh == 1 && p.kw == 1 && p.sh == 1 && p.sw == 1 && g.oh == p.h && g.ow == p.w;
  g.pack_windows = p.in_c >= 4;
  const size_t per_sample = static_cast<size_t>(std::max<int64_t>(g.pix, 1)) * std::max(g.kdim, 1);
  g.chunk = static_cast<int>(std::max<size_t>(1, std::min<size_t>(std::max(p.batch, 1), kColsBudget / per_sample)));
  return g;
}

ForwardPlan forward_plan(const Conv2DParams& p, const Geometry& g, int threads) {
  ForwardPlan f;
  const size_t per_sample = static_cast<size_t>(std::max<int64_t>(g.pix, 1)) * (static_cast<size_t>(g.kdim) + p.out_c);
  const int small = static_cast<int>(std::max<size_t>(1, std::min<size_t>(std::max(p.batch, 1), kCacheBudget / per_sample)));
  const int n_small = (std::max(p.batch, 1) + small - 1) / small;
  f.batch_parallel = n_small >= std::max(threads, 2);
  f.chunk = f.batch_parallel ? small : g.chunk;
  const int64_t m = static_cast<int64_t>(f.chunk) * g.pix;
  f.packed_w = pad16(gemm_packed_b_floats(g.kdim, p.out_c));
  f.cols_floats = g.pack_windows ? 0 : pad16(static_cast<size_t>(m) * g.kdim);
  f.per_task = f.cols_floats + pad16(gemm_scratch_size(static_cast<int>(m), p.out_c, g.kdim, f.batch_parallel ? 1 : threads));
  return f;
}

BackwardPlan backward_plan(const Conv2DParams& p, const Geometry& g, int threads) {
  BackwardPlan b;
  const size_t per_sample = static_cast<size_t>(std::max<int64_t>(g.pix, 1)) * (static_cast<size_t>(g.kdim) + p.out_c);
  // Cache-sized chunks, and at least one per group so that the groups share the batch evenly.
  const int batch = std::max(p.batch, 1), target_groups = std::max(kWeightGradGroups, threads);
  const size_t fits = std::max<size_t>(1, kCacheBudget / per_sample);
  b.chunk = static_cast<int>(std::min<size_t>(fits, (batch + target_groups - 1) / target_groups));
  b.chunks = (batch + b.chunk - 1) / b.chunk;
  b.batch_parallel = b.chunks >= threads;
  b.groups = std::min(b.chunks, target_groups);
  const int64_t m = static_cast<int64_t>(b.chunk) * g.pix;
  b.dz_floats = p.act == Act::Linear ? 0 : pad16(static_cast<size_t>(m) * p.out_c);
  b.cols_floats = pad16(static_cast<size_t>(m) * g.kdim);
  const size_t gs = std::max(gemm_scratch_size(g.kdim, p.out_c, static_cast<int>(m), 1),
                             gemm_scratch_size(static_cast<int>(m), g.kdim, p.out_c, 1));
  b.per_task = b.dz_floats + b.cols_floats + pad16(gs);
  b.partial = pad16(static_cast<size_t>(g.kdim) * p.out_c + p.out_c);
  b.packed_wt = pad16(gemm_packed_b_floats(p.out_c, g.kdim));
  return b;
}

// Short copies are common here (KW*Cin can be 3 floats): an inline loop beats a memcpy call.
inline void copy_floats(float* dst, const float* src, int n) {
  if (n >= 32) {
    std::memcpy(dst, src, sizeof(float) * static_cast<size_t>(n));
    return;
  }
  for (int i = 0; i < n; ++i) dst[i] = src[i];
}

inline void zero_floats(float* dst, int n) {
  for (int i = 0; i < n; ++i) dst[i] = 0.0f;
}

// One sample's im2col. RowLen = KW*Cin when known at compile time (short rows of the first layers),
// 0 for the general case.
template <int RowLen>
void im2col_sample(const Conv2DParams& p, const Geometry& g, const float* xs, float* cs) {
  const int cin = p.in_c;
  const int row_len = RowLen > 0 ? RowLen : p.kw * p.in_c;
  // Output columns whose whole window row lies inside the image: [ox_lo, ox_hi).
  const int ox_lo = std::min(g.ow, (g.pl + p.sw - 1) / p.sw);
  const int ox_hi = std::max(ox_lo, std::min(g.ow, (p.w - p.kw + g.pl) / p.sw + 1));
  for (int oy = 0; oy < g.oh; ++oy) {
    for (int ky = 0; ky < p.kh; ++ky) {
      const int iy = oy * p.sh - g.pt + ky;
      float* base = cs + static_cast<int64_t>(oy) * g.ow * g.kdim + static_cast<int64_t>(ky) * row_len;
      if (iy < 0 || iy >= p.h) {
        for (int ox = 0; ox < g.ow; ++ox) zero_floats(base + static_cast<int64_t>(ox) * g.kdim, row_len);
        continue;
      }
      const float* xrow = xs + static_cast<int64_t>(iy) * p.w * cin;
      auto edge = [&](int ox) {
        float* dst = base + static_cast<int64_t>(ox) * g.kdim;
        for (int kx = 0; kx < p.kw; ++kx) {
          const int ix = ox * p.sw - g.pl + kx;
          if (ix < 0 || ix >= p.w) {
            zero_floats(dst + kx * cin, cin);
          } else {
            copy_floats(dst + kx * cin, xrow + static_cast<int64_t>(ix) * cin, cin);
          }
        }
      };
      for (int ox = 0; ox < ox_lo; ++ox) edge(ox);
      for (int ox = ox_lo; ox < ox_hi; ++ox) {
        float* dst = base + static_cast<int64_t>(ox) * g.kdim;
        const float* src = xrow + static_cast<int64_t>(ox * p.sw - g.pl) * cin;
        if (RowLen > 0) {
          for (int i = 0; i < RowLen; ++i) dst[i] = src[i];
        } else {
          copy_floats(dst, src, row_len);
        }
      }
      for (int ox = ox_hi; ox < g.ow; ++ox) edge(ox);
    }
  }
}

// im2col of a run of samples as a PanelSource: row r is output pixel r (sample r / OH*OW), depth k is
// (ky, kx, ci). Writing the GEMM's panels directly skips the column matrix and the copy out of it.
struct Im2colRows {
  const Conv2DParams* p;
  const Geometry* g;
  const float* x;  // the first sample of the run
};

// Output pixel `index` of a run of samples (a row of its im2col), stepped one pixel at a time.
struct PixelCursor {
  int64_t n;
  int oy, ox;
  PixelCursor(const Geometry& g, int64_t index)
      : n(index / g.pix), oy(static_cast<int>((index % g.pix) / g.ow)), ox(static_cast<int>(index % g.ow)) {}
  void next(const Geometry& g) {
    if (++ox == g.ow) {
      ox = 0;
      if (++oy == g.oh) oy = 0, ++n;
    }
  }
};

void pack_im2col_rows(const void* ctx, int row, int rows, int depth, int depth_count, float* dst) {
  const Im2colRows& src = *static_cast<const Im2colRows*>(ctx);
  const Conv2DParams& p = *src.p;
  const Geometry& g = *src.g;
  constexpr int kRows = kGemmPanelRows;
  const int64_t sample = static_cast<int64_t>(p.h) * p.w * p.in_c;
  const int row_len = p.kw * p.in_c;
  const int64_t image_row = static_cast<int64_t>(p.w) * p.in_c;
  PixelCursor pixel(g, row);
  for (int i0 = 0; i0 < rows; i0 += kRows) {
    const int mr = std::min(kRows, rows - i0);
    // Each row's window origin; a full panel of windows inside the image is copied six rows at a time
    // (contiguous stores), others row by row with their edges.
    const float* origin[kRows];
    int window_y[kRows], window_x[kRows];
    const float* sample_x[kRows];
    bool inside = mr == kRows;
    for (int r = 0; r < mr; ++r, pixel.next(g)) {
      window_y[r] = pixel.oy * p.sh - g.pt, window_x[r] = pixel.ox * p.sw - g.pl;
      sample_x[r] = src.x + pixel.n * sample;
      inside = inside && window_y[r] >= 0 && window_y[r] + p.kh <= p.h && window_x[r] >= 0 && window_x[r] + p.kw <= p.w;
      origin[r] = sample_x[r] + (static_cast<int64_t>(window_y[r]) * p.w + window_x[r]) * p.in_c;
    }
    if (inside) {
      int ky = depth / row_len, j = depth % row_len;
      for (int t = 0; t < depth_count; j = 0, ++ky) {
        const int run = std::min(row_len - j, depth_count - t);
        const int64_t at = ky * image_row + j;
        const float *r0 = origin[0] + at, *r1 = origin[1] + at, *r2 = origin[2] + at;
        const float *r3 = origin[3] + at, *r4 = origin[4] + at, *r5 = origin[5] + at;
        float* d = dst + static_cast<int64_t>(t) * kRows;
        for (int q = 0; q < run; ++q, d += kRows) {
          d[0] = r0[q], d[1] = r1[q], d[2] = r2[q], d[3] = r3[q], d[4] = r4[q], d[5] = r5[q];
        }
        t += run;
      }
    } else {
      for (int r = 0; r < kRows; ++r) {
        if (r >= mr) {
          for (int t = 0; t < depth_count; ++t) dst[t * kRows + r] = 0.0f;
          continue;
        }
        int ky = depth / row_len, j = depth % row_len;
        for (int t = 0; t < depth_count; j = 0, ++ky) {
          const int run = std::min(row_len - j, depth_count - t);
          const int iy = window_y[r] + ky;
          float* out = dst + static_cast<int64_t>(t) * kRows + r;
          for (int q = 0; q < run; ++q) {
            const int ix = window_x[r] + (j + q) / p.in_c;
            const bool in = iy >= 0 && iy < p.h && ix >= 0 && ix < p.w;
            out[q * kRows] = in ? sample_x[r][(static_cast<int64_t>(iy) * p.w + ix) * p.in_c + (j + q) % p.in_c] : 0.0f;
          }
          t += run;
        }
      }
    }
    dst += static_cast<int64_t>(depth_count) * kRows;
  }
}

// The transpose of the same im2col as a PanelSource, for the weight gradient cols^T * dz: row k is depth
// (ky, kx, ci), depth t is output pixel t of the run. Each pixel's window gives six contiguous values.
void pack_im2col_columns(const void* ctx, int row, int rows, int depth, int depth_count, float* dst) {
  const Im2colRows& src = *static_cast<const Im2colRows*>(ctx);
  const Conv2DParams& p = *src.p;
  const Geometry& g = *src.g;
  constexpr int kRows = kGemmPanelRows;
  const int64_t sample = static_cast<int64_t>(p.h) * p.w * p.in_c;
  const int row_len = p.kw * p.in_c;
  // Each pixel's window origin, once for all the panels (depth_count <= the GEMM's depth block).
  struct Window {
    const float* xs;  // the pixel's sample
    int y0, x0;
    bool inside;
  };
  Window windows[gemm_max_depth_block];
  PixelCursor pixel(g, depth);
  for (int t = 0; t < depth_count; ++t, pixel.next(g)) {
    Window& w = windows[t];
    w.xs = src.x + pixel.n * sample, w.y0 = pixel.oy * p.sh - g.pt, w.x0 = pixel.ox * p.sw - g.pl;
    w.inside = w.y0 >= 0 && w.y0 + p.kh <= p.h && w.x0 >= 0 && w.x0 + p.kw <= p.w;
  }
  for (int i0 = 0; i0 < rows; i0 += kRows) {
    const int mr = std::min(kRows, rows - i0);
    int wy[kRows], wx[kRows], ci[kRows];
    int64_t offset[kRows];  // from the window's origin in x
    for (int r = 0; r < kRows; ++r) {
      const int k = row + i0 + std::min(r, mr - 1);
      wy[r] = k / row_len, wx[r] = (k % row_len) / p.in_c, ci[r] = k % p.in_c;
      offset[r] = (static_cast<int64_t>(wy[r]) * p.w + wx[r]) * p.in_c + ci[r];
    }
    float* d = dst;
    for (int t = 0; t < depth_count; ++t, d += kRows) {
      const Window& w = windows[t];
      if (mr == kRows && w.inside) {
        const float* o = w.xs + (static_cast<int64_t>(w.y0) * p.w + w.x0) * p.in_c;
        d[0] = o[offset[0]], d[1] = o[offset[1]], d[2] = o[offset[2]];
        d[3] = o[offset[3]], d[4] = o[offset[4]], d[5] = o[offset[5]];
      } else {
        for (int r = 0; r < kRows; ++r) {
          const int iy = w.y0 + wy[r], ix = w.x0 + wx[r];
          const bool in = r < mr && iy >= 0 && iy < p.h && ix >= 0 && ix < p.w;
          d[r] = in ? w.xs[(static_cast<int64_t>(iy) * p.w + ix) * p.in_c + ci[r]] : 0.0f;
        }
      }
    }
    dst += static_cast<int64_t>(depth_count) * kRows;
  }
}

// cols (count*OH*OW, KH*KW*Cin) from samples [n0, n0+count).
void im2col(const Conv2DParams& p, const Geometry& g, const float* x, int n0, int count, float* cols, ThreadPool* pool) {
  const size_t sample = static_cast<size_t>(p.h) * p.w * p.in_c;
  const int row_len = p.kw * p.in_c;
  parallel_for(pool, count, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      const float* xs = x + (n0 + s) * sample;
      float* cs = cols + s * g.pix * g.kdim;
      switch (row_len) {
        case 1: im2col_sample<1>(p, g, xs, cs); break;
        case 2: im2col_sample<2>(p, g, xs, cs); break;
        case 3: im2col_sample<3>(p, g, xs, cs); break;
        case 4: im2col_sample<4>(p, g, xs, cs); break;
        case 5: im2col_sample<5>(p, g, xs, cs); break;
        case 6: im2col_sample<6>(p, g, xs, cs); break;
        case 9: im2col_sample<9>(p, g, xs, cs); break;
        case 15: im2col_sample<15>(p, g, xs, cs); break;
        default: im2col_sample<0>(p, g, xs, cs); break;
      }
    }
  });
}

// dx[samples n0..] += col2im(dcols). Parallel over samples (disjoint outputs).
void col2im_add(const Conv2DParams& p, const Geometry& g, const float* dcols, int n0, int count, float* dx, ThreadPool* pool) {
  const size_t sample = static_cast<size_t>(p.h) * p.w * p.in_c;
  parallel_for(pool, count, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      float* xs = dx + (n0 + s) * sample;
      const float* cs = dcols + s * g.pix * g.kdim;
      for (int oy = 0; oy < g.oh; ++oy) {
        for (int ox = 0; ox < g.ow; ++ox) {
          const float* row = cs + (static_cast<int64_t>(oy) * g.ow + ox) * g.kdim;
          for (int ky = 0; ky < p.kh; ++ky) {
            const int iy = oy * p.sh - g.pt + ky;
            if (iy < 0 || iy >= p.h) continue;
            for (int kx = 0; kx < p.kw; ++kx) {
              const int ix = ox * p.sw - g.pl + kx;
              if (ix < 0 || ix >= p.w) continue;
              float* d = xs + (static_cast<int64_t>(iy) * p.w + ix) * p.in_c;
              const float* src = row + (static_cast<int64_t>(ky) * p.kw + kx) * p.in_c;
              ew::add_to(src, d, p.in_c);
            }
          }
        }
      }
    }
  });
}

}  // namespace

int conv_out_size(int in, int k, int s, bool same) {
  if (same) return (in + s - 1) / s;
  return in >= k ? (in - k) / s + 1 : 0;
}

int conv_pad_before(int in, int k, int s, bool same) {
  if (!same) return 0;
  const int out = (in + s - 1) / s;
  const int total = std::max((out - 1) * s + k - in, 0);
  return total / 2;
}

size_t conv2d_forward_scratch_size(const Conv2DParams& p, int threads) {
  const Geometry g = geometry(p);
  const ForwardPlan f = forward_plan(p, g, threads);
  const int chunks = (std::max(p.batch, 1) + f.chunk - 1) / f.chunk;
  return f.packed_w + (f.batch_parallel ? f.per_task * static_cast<size_t>(batch_tasks(chunks, threads)) : f.per_task);
}

size_t conv2d_backward_scratch_size(const Conv2DParams& p, int threads) {
  const Geometry g = geometry(p);
  const BackwardPlan b = backward_plan(p, g, threads);
  if (b.batch_parallel)
    return (b.per_task + b.partial) * static_cast<size_t>(b.groups) + b.packed_wt;
  const int64_t m = static_cast<int64_t>(g.chunk) * g.pix;
  const size_t dz = p.act == Act::Linear ? 0 : pad16(static_cast<size_t>(p.batch) * g.pix * p.out_c);
  const size_t cols = pad16(static_cast<size_t>(m) * g.kdim);  // im2col, then reused for dcols
  const size_t gs = std::max(gemm_scratch_size(g.kdim, p.out_c, static_cast<int>(m), threads),
                             gemm_scratch_size(static_cast<int>(m), g.kdim, p.out_c, threads));
  return dz + cols + gs;
}

void conv2d_forward(const Conv2DParams& p, const float* x, const float* w, const float* b, float* y, float* z,
                    float* scratch, ThreadPool* pool) {
  const Geometry g = geometry(p);
  if (p.batch <= 0 || g.pix <= 0 || p.out_c <= 0) return;
  const int threads = pool_threads(pool);
  const ForwardPlan f = forward_plan(p, g, threads);
  float* pre = z ? z : y;
  // The kernel is packed once; each chunk's im2col is written straight into the GEMM's panels.
  gemm_pack_b(false, g.kdim, p.out_c, w, p.out_c, scratch);
  const float* packed_w = gemm_packed_b_start(scratch);
  scratch += f.packed_w;
  // One chunk of samples [n0, n0 + count): the GEMM, then bias + activation while it is in cache.
  auto chunk = [&](int n0, int count, float* task_scratch, ThreadPool* gemm_pool) {
    const int m = static_cast<int>(count * g.pix);
    float* out = pre + static_cast<int64_t>(n0) * g.pix * p.out_c;
    if (g.pack_windows) {
      const Im2colRows rows{&p, &g, x + static_cast<int64_t>(n0) * p.h * p.w * p.in_c};
      gemm_panels(m, p.out_c, g.kdim, 1.0f, PanelSource{pack_im2col_rows, &rows}, GemmB{nullptr, 0, false, packed_w}, 0.0f,
                  out, p.out_c, task_scratch, gemm_pool);
    } else {
      im2col(p, g, x, n0, count, task_scratch, gemm_pool);
      gemm_packed_b(false, m, p.out_c, g.kdim, 1.0f, task_scratch, g.kdim, packed_w, 0.0f, out, p.out_c,
                    task_scratch + f.cols_floats, gemm_pool);
    }
    bias_activation_forward(p.act, out, b, y + static_cast<int64_t>(n0) * g.pix * p.out_c, m, p.out_c, gemm_pool);
  };
  const int n_chunks = (p.batch + f.chunk - 1) / f.chunk;
  if (f.batch_parallel && pool && threads > 1) {
    // Task t owns scratch slice t and a contiguous range of chunks; every sample is computed the same
    // way whatever the thread count.
    const int tasks = batch_tasks(n_chunks, threads);
    pool->run(tasks, [&](int t) {
      float* ts = scratch + f.per_task * static_cast<size_t>(t);
      for (int c = n_chunks * t / tasks; c < n_chunks * (t + 1) / tasks; ++c) {
        const int n0 = c * f.chunk;
        chunk(n0, std::min(f.chunk, p.batch - n0), ts, nullptr);
      }
    });
  } else {
    for (int c = 0; c < n_chunks; ++c) {
      const int n0 = c * f.chunk;
      chunk(n0, std::min(f.chunk, p.batch - n0), scratch, f.batch_parallel ? nullptr : pool);
    }
  }
}

namespace {

// Batch-parallel backward: each thread takes whole groups of chunks; per chunk the activation's
// gradient, the bias and weight gradient partial sums and the input gradient are computed while the
// chunk is in cache. The group partials are added in group order at the end.
void conv2d_backward_by_chunks(const Conv2DParams& p, const Geometry& g, const BackwardPlan& plan, const float* x,
                               const float* w, const float* z, const float* y, const float* dy, float* dx, float* dw,
                               float* db, float* scratch, ThreadPool* pool) {
  const int threads = pool_threads(pool);
  float* partials = scratch + plan.per_task * static_cast<size_t>(plan.groups);
  // The kernel transposed and packed once for every chunk's input gradient.
  float* wt_area = partials + plan.partial * static_cast<size_t>(plan.groups);
  if (dx) gemm_pack_b(true, p.out_c, g.kdim, w, p.out_c, wt_area);
  const float* packed_wt = gemm_packed_b_start(wt_area);
  const size_t wsize = static_cast<size_t>(g.kdim) * p.out_c;
  const size_t sample_in = static_cast<size_t>(p.h) * p.w * p.in_c;
  const int64_t sample_out = g.pix * p.out_c;
  // One task per group, with its own scratch slot: threads claim groups as they come free.
  auto task = [&](int group) {
    float* dzbuf = scratch + plan.per_task * static_cast<size_t>(group);
    float* cols = dzbuf + plan.dz_floats;
    float* gs = cols + plan.cols_floats;
    {
      float* gw = partials + plan.partial * static_cast<size_t>(group);
      float* gb = gw + wsize;
      std::fill(gb, gb + p.out_c, 0.0f);
      const int c0 = plan.chunks * group / plan.groups, c1 = plan.chunks * (group + 1) / plan.groups;
      for (int c = c0; c < c1; ++c) {
        const int n0 = c * plan.chunk, count = std::min(plan.chunk, p.batch - n0);
        const int m = static_cast<int>(count * g.pix);
        const int64_t out_at = static_cast<int64_t>(n0) * sample_out;
        const float* dz = dy + out_at;
        if (p.act != Act::Linear) {
          activation_backward(p.act, z ? z + out_at : nullptr, y ? y + out_at : nullptr, dy + out_at, dzbuf, m, p.out_c, false,
                              nullptr);
          dz = dzbuf;
        }
        for (int r = 0; r < m; ++r) ew::add_to(dz + static_cast<int64_t>(r) * p.out_c, gb, p.out_c);
        if (dw) {
          const float beta = c == c0 ? 0.0f : 1.0f;
          if (g.pack_windows) {
            const Im2colRows windows{&p, &g, x + static_cast<int64_t>(n0) * sample_in};
            gemm_panels(g.kdim, p.out_c, m, 1.0f, PanelSource{pack_im2col_columns, &windows}, GemmB{dz, p.out_c, false, nullptr},
                        beta, gw, p.out_c, gs, nullptr);
          } else {
            im2col(p, g, x, n0, count, cols, nullptr);
            gemm(true, false, g.kdim, p.out_c, m, 1.0f, cols, g.kdim, dz, p.out_c, beta, gw, p.out_c, gs, nullptr);
          }
        }
        if (dx) {
          float* dxc = dx + static_cast<int64_t>(n0) * sample_in;
          if (g.direct) {
            gemm_packed_b(false, m, g.kdim, p.out_c, 1.0f, dz, p.out_c, packed_wt, p.assign_dx ? 0.0f : 1.0f, dxc, g.kdim, gs, nullptr);
          } else {
            gemm_packed_b(false, m, g.kdim, p.out_c, 1.0f, dz, p.out_c, packed_wt, 0.0f, cols, g.kdim, gs, nullptr);
            if (p.assign_dx) std::fill(dxc, dxc + sample_in * count, 0.0f);
            col2im_add(p, g, cols, n0, count, dx, nullptr);
          }
        }
      }
    }
  };
  if (threads > 1) {
    pool->run(plan.groups, task);
  } else {
    for (int group = 0; group < plan.groups; ++group) task(group);
  }
  // dw/db = (accumulate ? dw/db : 0) + the groups' partials in group order.
  const bool acc = p.accumulate_weight_grads;
  auto reduce = [&](float* out, size_t offset, size_t n) {
    if (!out) return;
    parallel_for(pool, static_cast<int64_t>(n), [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        float s = acc ? out[i] : 0.0f;
        for (int group = 0; group < plan.groups; ++group) s += partials[plan.partial * static_cast<size_t>(group) + offset + i];
        out[i] = s;
      }
    }, 4096);
  };
  reduce(dw, 0, wsize);
  reduce(db, wsize, static_cast<size_t>(p.out_c));
}

}  // namespace

void conv2d_backward(const Conv2DParams& p, const float* x, const float* w, const float* z, const float* y,
                     const float* dy, float* dx, float* dw, float* db, float* scratch, ThreadPool* pool) {
  const Geometry g = geometry(p);
  if (p.batch <= 0 || g.pix <= 0 || p.out_c <= 0) return;
  const BackwardPlan plan = backward_plan(p, g, pool_threads(pool));
  if (plan.batch_parallel) {
    conv2d_backward_by_chunks(p, g, plan, x, w, z, y, dy, dx, dw, db, scratch, pool);
    return;
  }
  const int64_t rows = static_cast<int64_t>(p.batch) * g.pix;
  const float* dz = dy;
  float* rest = scratch;
  if (p.act != Act::Linear) {
    float* buf = scratch;
    rest = scratch + pad16(static_cast<size_t>(rows) * p.out_c);
    activation_backward(p.act, z, y, dy, buf, rows, p.out_c, false, pool);
    dz = buf;
  }
  if (db) {
    if (!p.accumulate_weight_grads) std::fill(db, db + p.out_c, 0.0f);
    for (int64_t r = 0; r < rows; ++r) ew::add_to(dz + r * p.out_c, db, p.out_c);
  }
  if (!dw && !dx) return;
  if (dx && p.assign_dx) std::fill(dx, dx + static_cast<size_t>(p.batch) * p.h * p.w * p.in_c, 0.0f);
  const int64_t mchunk = static_cast<int64_t>(g.chunk) * g.pix;
  float* cols = rest;
  float* gs = rest + pad16(static_cast<size_t>(mchunk) * g.kdim);
  for (int n0 = 0; n0 < p.batch; n0 += g.chunk) {
    const int count = std::min(g.chunk, p.batch - n0);
    const int m = static_cast<int>(count * g.pix);
    const float* dzc = dz + static_cast<int64_t>(n0) * g.pix * p.out_c;
    if (dw) {
      const float* a;
      if (g.direct) {
        a = x + static_cast<int64_t>(n0) * g.pix * p.in_c;
      } else {
        im2col(p, g, x, n0, count, cols, pool);
        a = cols;
      }
      const float beta = (n0 == 0 && !p.accumulate_weight_grads) ? 0.0f : 1.0f;
      gemm(true, false, g.kdim, p.out_c, m, 1.0f, a, g.kdim, dzc, p.out_c, beta, dw, p.out_c, gs, pool);
    }
    if (dx) {
      if (g.direct) {
        float* dxc = dx + static_cast<int64_t>(n0) * g.pix * p.in_c;
        gemm(false, true, m, g.kdim, p.out_c, 1.0f, dzc, p.out_c, w, p.out_c, 1.0f, dxc, g.kdim, gs, pool);
      } else {
        gemm(false, true, m, g.kdim, p.out_c, 1.0f, dzc, p.out_c, w, p.out_c, 0.0f, cols, g.kdim, gs, pool);
        col2im_add(p, g, cols, n0, count, dx, pool);
      }
    }
  }
}

// ---- reference -----------------------------------------------------------------------------------------

void conv2d_forward_reference(const Conv2DParams& p, const float* x, const float* w, const float* b, float* y, float* z) {
  const int oh = conv_out_size(p.h, p.kh, p.sh, p.same), ow = conv_out_size(p.w, p.kw, p.sw, p.same);
  const int pt = conv_pad_before(p.h, p.kh, p.sh, p.same), pl = conv_pad_before(p.w, p.kw, p.sw, p.same);
  std::vector<float> pre(static_cast<size_t>(p.batch) * oh * ow * p.out_c);
  for (int n = 0; n < p.batch; ++n)
    for (int oy = 0; oy < oh; ++oy)
      for (int ox = 0; ox < ow; ++ox)
        for (int co = 0; co < p.out_c; ++co) {
          double s = b ? b[co] : 0.0;
          for (int ky = 0; ky < p.kh; ++ky)
            for (int kx = 0; kx < p.kw; ++kx) {
              const int iy = oy * p.sh - pt + ky, ix = ox * p.sw - pl + kx;
              if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
              for (int ci = 0; ci < p.in_c; ++ci)
                s += static_cast<double>(x[((static_cast<size_t>(n) * p.h + iy) * p.w + ix) * p.in_c + ci]) *
                     w[((static_cast<size_t>(ky) * p.kw + kx) * p.in_c + ci) * p.out_c + co];
            }
          pre[((static_cast<size_t>(n) * oh + oy) * ow + ox) * p.out_c + co] = static_cast<float>(s);
        }
  if (z) std::copy(pre.begin(), pre.end(), z);
  activation_forward(p.act, pre.data(), y, static_cast<int64_t>(p.batch) * oh * ow, p.out_c, nullptr);
}

void conv2d_backward_reference(const Conv2DParams& p, const float* x, const float* w, const float* z, const float* y,
                               const float* dy, float* dx, float* dw, float* db) {
  const int oh = conv_out_size(p.h, p.kh, p.sh, p.same), ow = conv_out_size(p.w, p.kw, p.sw, p.same);
  const int pt = conv_pad_before(p.h, p.kh, p.sh, p.same), pl = conv_pad_before(p.w, p.kw, p.sw, p.same);
  const size_t ny = static_cast<size_t>(p.batch) * oh * ow * p.out_c;
  std::vector<float> dz(ny);
  activation_backward(p.act, z, y, dy, dz.data(), static_cast<int64_t>(p.batch) * oh * ow, p.out_c, false, nullptr);
  const size_t nw = static_cast<size_t>(p.kh) * p.kw * p.in_c * p.out_c;
  std::vector<double> gw(nw, 0.0), gb(p.out_c, 0.0);
  const size_t nx = static_cast<size_t>(p.batch) * p.h * p.w * p.in_c;
  std::vector<double> gx(nx, 0.0);
  for (int n = 0; n < p.batch; ++n)
    for (int oy = 0; oy < oh; ++oy)
      for (int ox = 0; ox < ow; ++ox)
        for (int co = 0; co < p.out_c; ++co) {
          const double d = dz[((static_cast<size_t>(n) * oh + oy) * ow + ox) * p.out_c + co];
          gb[co] += d;
          for (int ky = 0; ky < p.kh; ++ky)
            for (int kx = 0; kx < p.kw; ++kx) {
              const int iy = oy * p.sh - pt + ky, ix = ox * p.sw - pl + kx;
              if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
              for (int ci = 0; ci < p.in_c; ++ci) {
                const size_t xi = ((static_cast<size_t>(n) * p.h + iy) * p.w + ix) * p.in_c + ci;
                const size_t wi = ((static_cast<size_t>(ky) * p.kw + kx) * p.in_c + ci) * p.out_c + co;
                gw[wi] += d * x[xi];
                gx[xi] += d * w[wi];
              }
            }
        }
  const bool acc = p.accumulate_weight_grads;
  if (dw)
    for (size_t i = 0; i < nw; ++i) dw[i] = static_cast<float>(gw[i] + (acc ? dw[i] : 0.0));
  if (db)
    for (int c = 0; c < p.out_c; ++c) db[c] = static_cast<float>(gb[c] + (acc ? db[c] : 0.0));
  if (dx)
    for (size_t i = 0; i < nx; ++i) dx[i] = static_cast<float>(dx[i] + gx[i]);
}

}  // namespace kernels
}  // namespace layerwise
