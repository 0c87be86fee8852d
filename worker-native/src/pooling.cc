#include "pooling.h"

#include <algorithm>
#include <limits>
#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

#include "conv2d.h"
#include "elementwise.h"
#include "thread_pool.h"

#if defined(__GNUC__) || defined(__clang__)
#define LW_RESTRICT __restrict__
#elif defined(_MSC_VER)
#define LW_RESTRICT __restrict
#else
#define LW_RESTRICT
#endif

namespace layerwise {
namespace kernels {

namespace {

struct Window {
  int y0, y1, x0, x1;  // valid input rows [y0, y1), cols [x0, x1)
};

struct Geo {
  int oh, ow, pt, pl;
};

Geo geo(const Pool2DParams& p) {
  return {pool_out_size(p.h, p.ph, p.sh, p.same), pool_out_size(p.w, p.pw, p.sw, p.same),
          conv_pad_before(p.h, p.ph, p.sh, p.same), conv_pad_before(p.w, p.pw, p.sw, p.same)};
}

inline Window window(const Pool2DParams& p, const Geo& g, int oy, int ox) {
  const int ys = oy * p.sh - g.pt, xs = ox * p.sw - g.pl;
  return {std::max(ys, 0), std::min(ys + p.ph, p.h), std::max(xs, 0), std::min(xs + p.pw, p.w)};
}

// Runs fn(n, oy) over all (sample, output row) pairs, in parallel. Output rows of different samples
// write disjoint parts of y; in backward, windows of different output rows may overlap (stride < pool),
// so backward parallelises over samples only.
template <class F>
void for_rows(ThreadPool* pool, int batch, int oh, F fn) {
  parallel_for(pool, static_cast<int64_t>(batch) * oh, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) fn(static_cast<int>(i / oh), static_cast<int>(i % oh));
  }, 8);
}

}  // namespace

int pool_out_size(int in, int k, int s, bool same) { return conv_out_size(in, k, s, same); }

void max_pool2d_forward(const Pool2DParams& p, const float* x, float* y, ThreadPool* pool) {
  const Geo g = geo(p);
  const int C = p.c;
  for_rows(pool, p.batch, g.oh, [&](int n, int oy) {
    const float* xs = x + static_cast<int64_t>(n) * p.h * p.w * C;
    for (int ox = 0; ox < g.ow; ++ox) {
      const Window wd = window(p, g, oy, ox);
      float* out = y + ((static_cast<int64_t>(n) * g.oh + oy) * g.ow + ox) * C;
      if (wd.y0 >= wd.y1 || wd.x0 >= wd.x1) {
        std::fill(out, out + C, -std::numeric_limits<float>::infinity());
        continue;
      }
      // Start from the first cell, then a plain max loop over channels (vectorised by the compiler;
      // the generic helper cost ~10% of CNN inference here).
      float* LW_RESTRICT o = out;
      const float* LW_RESTRICT first = xs + (static_cast<int64_t>(wd.y0) * p.w + wd.x0) * C;
      for (int c = 0; c < C; ++c) o[c] = first[c];
      for (int iy = wd.y0; iy < wd.y1; ++iy)
        for (int ix = wd.x0; ix < wd.x1; ++ix) {
          if (iy == wd.y0 && ix == wd.x0) continue;
          const float* LW_RESTRICT cell = xs + (static_cast<int64_t>(iy) * p.w + ix) * C;
          for (int c = 0; c < C; ++c) o[c] = cell[c] > o[c] ? cell[c] : o[c];
        }
    }
  });
}

namespace {

// One window of disjoint max-pool backward over C channels: the window's maximum m per channel, then
// each cell in row-major order takes the gradient where it equals m and nothing is left to take (the
// first maximum gets it, as in the reference). SSE2 where the target has it (every x86-64): GCC left
// the plain loops scalar, at 16x the forward's time.
inline void disjoint_window_backward(const float* x, float* dx, const int32_t* cells, int cell_count, int64_t C,
                                     const float* d, bool assign) {
  int64_t c = 0;
#if defined(__SSE2__) || defined(_M_X64)
  for (; c + 4 <= C; c += 4) {
    __m128 m = _mm_loadu_ps(x + cells[0] * C + c);
    for (int i = 1; i < cell_count; ++i) m = _mm_max_ps(_mm_loadu_ps(x + cells[i] * C + c), m);
    __m128 r = _mm_loadu_ps(d + c);
    for (int i = 0; i < cell_count; ++i) {
      const __m128 take = _mm_cmpeq_ps(_mm_loadu_ps(x + cells[i] * C + c), m);
      const __m128 g = _mm_and_ps(take, r);
      r = _mm_andnot_ps(take, r);
      float* o = dx + cells[i] * C + c;
      _mm_storeu_ps(o, assign ? g : _mm_add_ps(_mm_loadu_ps(o), g));
    }
  }
#endif
  for (; c < C; ++c) {
    float m = x[cells[0] * C + c];
    for (int i = 1; i < cell_count; ++i) m = x[cells[i] * C + c] > m ? x[cells[i] * C + c] : m;
    float r = d[c];
    for (int i = 0; i < cell_count; ++i) {
      const bool take = x[cells[i] * C + c] == m;
      const float g = take ? r : 0.0f;
      r = take ? 0.0f : r;
      float& o = dx[cells[i] * C + c];
      o = assign ? g : o + g;
    }
  }
}

}  // namespace

void max_pool2d_backward(const Pool2DParams& p, const float* x, const float* dy, float* dx, ThreadPool* pool) {
  const Geo g = geo(p);
  const int C = p.c;
  const int64_t sample = static_cast<int64_t>(p.h) * p.w * C;
  // Windows that do not overlap (stride >= pool size, the usual 2x2/2): each input cell lies in at most
  // one window, so each window's cells are written in one vectorised pass instead of a scatter.
  const bool disjoint = p.sh >= p.ph && p.sw >= p.pw && p.ph * p.pw <= 64;
  const bool covers_all = !p.same && p.sh == p.ph && p.sw == p.pw && g.oh * p.sh == p.h && g.ow * p.sw == p.w;
  constexpr int kChunk = 64;  // channels searched together: the compare-and-select loop vectorises
  parallel_for(pool, p.batch, [&](int64_t b, int64_t e) {
    float best_value[kChunk];
    int32_t best_cell[kChunk];
    int32_t cells[64];
    for (int64_t n = b; n < e; ++n) {
      const float* xs = x + n * sample;
      float* dxs = dx + n * sample;
      // Cells outside every window (or all of them, for the scatter below) start from zero.
      if (p.assign_dx && !(disjoint && covers_all)) std::fill(dxs, dxs + sample, 0.0f);
      for (int oy = 0; oy < g.oh; ++oy)
        for (int ox = 0; ox < g.ow; ++ox) {
          const Window wd = window(p, g, oy, ox);
          if (wd.y0 >= wd.y1 || wd.x0 >= wd.x1) continue;
          const float* d = dy + ((n * g.oh + oy) * g.ow + ox) * C;
          if (disjoint) {
            int count = 0;
            for (int iy = wd.y0; iy < wd.y1; ++iy)
              for (int ix = wd.x0; ix < wd.x1; ++ix) cells[count++] = iy * p.w + ix;
            disjoint_window_backward(xs, dxs, cells, count, C, d, p.assign_dx);
            continue;
          }
          const int32_t first = wd.y0 * p.w + wd.x0;
          for (int c0 = 0; c0 < C; c0 += kChunk) {
            const int cn = std::min(kChunk, C - c0);
            const float* LW_RESTRICT start = xs + static_cast<int64_t>(first) * C + c0;
            for (int c = 0; c < cn; ++c) best_value[c] = start[c], best_cell[c] = first;
            for (int iy = wd.y0; iy < wd.y1; ++iy)
              for (int ix = wd.x0; ix < wd.x1; ++ix) {
                const int32_t cell = iy * p.w + ix;
                if (cell == first) continue;
                const float* LW_RESTRICT v = xs + static_cast<int64_t>(cell) * C + c0;
                for (int c = 0; c < cn; ++c) {  // strict >: the first maximum keeps the gradient
                  const bool better = v[c] > best_value[c];
                  best_value[c] = better ? v[c] : best_value[c];
                  best_cell[c] = better ? cell : best_cell[c];
                }
              }
            for (int c = 0; c < cn; ++c) dxs[static_cast<int64_t>(best_cell[c]) * C + c0 + c] += d[c0 + c];
          }
        }
    }
  });
}

void avg_pool2d_forward(const Pool2DParams& p, const float* x, float* y, ThreadPool* pool) {
  const Geo g = geo(p);
  const int C = p.c;
  for_rows(pool, p.batch, g.oh, [&](int n, int oy) {
    const float* xs = x + static_cast<int64_t>(n) * p.h * p.w * C;
    for (int ox = 0; ox < g.ow; ++ox) {
      const Window wd = window(p, g, oy, ox);
      float* out = y + ((static_cast<int64_t>(n) * g.oh + oy) * g.ow + ox) * C;
      std::fill(out, out + C, 0.0f);
      for (int iy = wd.y0; iy < wd.y1; ++iy)
        for (int ix = wd.x0; ix < wd.x1; ++ix) {
          ew::add_to(xs + (static_cast<int64_t>(iy) * p.w + ix) * C, out, C);
        }
      const int count = (wd.y1 - wd.y0) * (wd.x1 - wd.x0);
      const float inv = count > 0 ? 1.0f / static_cast<float>(count) : 0.0f;
      ew::map1(out, out, C, [inv](float v) { return v * inv; });
    }
  });
}

void avg_pool2d_backward(const Pool2DParams& p, const float* dy, float* dx, ThreadPool* pool) {
  const Geo g = geo(p);
  const int C = p.c;
  parallel_for(pool, p.batch, [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      float* dxs = dx + n * p.h * p.w * C;
      if (p.assign_dx) std::fill(dxs, dxs + static_cast<int64_t>(p.h) * p.w * C, 0.0f);
      for (int oy = 0; oy < g.oh; ++oy)
        for (int ox = 0; ox < g.ow; ++ox) {
          const Window wd = window(p, g, oy, ox);
          const int count = (wd.y1 - wd.y0) * (wd.x1 - wd.x0);
          if (count <= 0) continue;
          const float inv = 1.0f / static_cast<float>(count);
          const float* d = dy + ((n * g.oh + oy) * g.ow + ox) * C;
          for (int iy = wd.y0; iy < wd.y1; ++iy)
            for (int ix = wd.x0; ix < wd.x1; ++ix) {
              float* o = dxs + (static_cast<int64_t>(iy) * p.w + ix) * C;
              ew::map2(d, o, o, C, [inv](float g, float v) { return v + g * inv; });
            }
        }
    }
  });
}

// ---- references: one output element at a time, explicit padding checks ----------------------------------

namespace {
template <class F>
void each_output(const Pool2DParams& p, F fn) {
  const Geo g = geo(p);
  for (int n = 0; n < p.batch; ++n)
    for (int oy = 0; oy < g.oh; ++oy)
      for (int ox = 0; ox < g.ow; ++ox)
        for (int c = 0; c < p.c; ++c) {
          const int64_t o = ((static_cast<int64_t>(n) * g.oh + oy) * g.ow + ox) * p.c + c;
          fn(n, oy * p.sh - g.pt, ox * p.sw - g.pl, c, o);
        }
}
inline int64_t xi(const Pool2DParams& p, int n, int iy, int ix, int c) {
  return ((static_cast<int64_t>(n) * p.h + iy) * p.w + ix) * p.c + c;
}
}  // namespace

void max_pool2d_forward_reference(const Pool2DParams& p, const float* x, float* y) {
  each_output(p, [&](int n, int ys, int xs, int c, int64_t o) {
    float m = -std::numeric_limits<float>::infinity();
    for (int ky = 0; ky < p.ph; ++ky)
      for (int kx = 0; kx < p.pw; ++kx) {
        const int iy = ys + ky, ix = xs + kx;
        if (iy >= 0 && iy < p.h && ix >= 0 && ix < p.w) m = std::max(m, x[xi(p, n, iy, ix, c)]);
      }
    y[o] = m;
  });
}

void max_pool2d_backward_reference(const Pool2DParams& p, const float* x, const float* dy, float* dx) {
  each_output(p, [&](int n, int ys, int xs, int c, int64_t o) {
    int64_t best = -1;
    for (int ky = 0; ky < p.ph; ++ky)
      for (int kx = 0; kx < p.pw; ++kx) {
        const int iy = ys + ky, ix = xs + kx;
        if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
        const int64_t i = xi(p, n, iy, ix, c);
        if (best < 0 || x[i] > x[best]) best = i;
      }
    if (best >= 0) dx[best] += dy[o];
  });
}

void avg_pool2d_forward_reference(const Pool2DParams& p, const float* x, float* y) {
  each_output(p, [&](int n, int ys, int xs, int c, int64_t o) {
    double s = 0;
    int count = 0;
    for (int ky = 0; ky < p.ph; ++ky)
      for (int kx = 0; kx < p.pw; ++kx) {
        const int iy = ys + ky, ix = xs + kx;
        if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
        s += x[xi(p, n, iy, ix, c)];
        ++count;
      }
    y[o] = count ? static_cast<float>(s / count) : 0.0f;
  });
}

void avg_pool2d_backward_reference(const Pool2DParams& p, const float* dy, float* dx) {
  each_output(p, [&](int n, int ys, int xs, int c, int64_t o) {
    int count = 0;
    for (int ky = 0; ky < p.ph; ++ky)
      for (int kx = 0; kx < p.pw; ++kx) {
        const int iy = ys + ky, ix = xs + kx;
        if (iy >= 0 && iy < p.h && ix >= 0 && ix < p.w) ++count;
      }
    for (int ky = 0; ky < p.ph; ++ky)
      for (int kx = 0; kx < p.pw; ++kx) {
        const int iy = ys + ky, ix = xs + kx;
        if (iy >= 0 && iy < p.h && ix >= 0 && ix < p.w) dx[xi(p, n, iy, ix, c)] += dy[o] / count;
      }
  });
}

}  // namespace kernels
}  // namespace layerwise
