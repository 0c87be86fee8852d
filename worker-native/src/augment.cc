#include "augment.h"

#include <cmath>

#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

int64_t sample_size(const ImageDims& d) { return static_cast<int64_t>(d.h) * d.w * d.c; }

// Output pixel (oy, ox) of a flipped sample reads input pixel (iy, ix).
template <class F>
void for_each_flipped(const ImageDims& d, const float* flips, ThreadPool* pool, F&& visit) {
  parallel_for(pool, d.n, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      const bool fh = flips[2 * s] != 0.0f, fv = flips[2 * s + 1] != 0.0f;
      const int64_t base = s * sample_size(d);
      for (int oy = 0; oy < d.h; ++oy)
        for (int ox = 0; ox < d.w; ++ox) {
          const int iy = fv ? d.h - 1 - oy : oy, ix = fh ? d.w - 1 - ox : ox;
          visit(base + (static_cast<int64_t>(oy) * d.w + ox) * d.c, base + (static_cast<int64_t>(iy) * d.w + ix) * d.c);
        }
    }
  });
}

// Up to four input pixels and their weights for one output pixel; weight falling outside the image
// reads the fill value (constant mode) and is summed in `fill`.
struct Taps {
  int64_t pixel[4];
  float weight[4];
  int count = 0;
  float fill = 0;
};

void add_tap(Taps& t, const ImageDims& d, float y, float x, float weight) {
  // TF reads DenseIndex(y): the coordinates here are already whole numbers.
  const int64_t iy = static_cast<int64_t>(y), ix = static_cast<int64_t>(x);
  if (y < 0 || x < 0 || iy >= d.h || ix >= d.w) {
    t.fill += weight;
    return;
  }
  t.pixel[t.count] = iy * d.w + ix;
  t.weight[t.count++] = weight;
}

Taps taps_at(const ImageDims& d, const WarpParams& p, const float* m, int oy, int ox) {
  const float fx = static_cast<float>(ox), fy = static_cast<float>(oy);
  const float x = warp_map_coordinate(p.fill, m[0] * fx + m[1] * fy + m[2], d.w);
  const float y = warp_map_coordinate(p.fill, m[3] * fx + m[4] * fy + m[5], d.h);
  Taps t;
  if (p.interpolation == Interpolation::Nearest) {
    add_tap(t, d, std::round(y), std::round(x), 1.0f);
    return t;
  }
  const float y0 = std::floor(y), x0 = std::floor(x), y1 = y0 + 1, x1 = x0 + 1;
  add_tap(t, d, y0, x0, (y1 - y) * (x1 - x));
  add_tap(t, d, y0, x1, (y1 - y) * (x - x0));
  add_tap(t, d, y1, x0, (y - y0) * (x1 - x));
  add_tap(t, d, y1, x1, (y - y0) * (x - x0));
  return t;
}

}  // namespace

void flip_forward(const ImageDims& d, const float* flips, const float* x, float* y, ThreadPool* pool) {
  for_each_flipped(d, flips, pool, [&](int64_t out, int64_t in) {
    for (int ch = 0; ch < d.c; ++ch) y[out + ch] = x[in + ch];
  });
}

void flip_backward(const ImageDims& d, const float* flips, const float* dy, float* dx, ThreadPool* pool) {
  for_each_flipped(d, flips, pool, [&](int64_t out, int64_t in) {
    for (int ch = 0; ch < d.c; ++ch) dx[in + ch] += dy[out + ch];
  });
}

float warp_map_coordinate(FillMode mode, float coord, int len) {
  if (mode == FillMode::Constant) return coord;
  if (mode == FillMode::Nearest) return std::fmin(std::fmax(coord, 0.0f), static_cast<float>(len - 1));
  // Reflect [abcd] to [dcba|abcd|dcba], as TF's MapCoordinate<FILL_REFLECT>.
  float in = coord;
  if (len <= 1) return 0.0f;
  const int64_t size2 = 2 * static_cast<int64_t>(len);
  if (in < 0) {
    if (in < static_cast<float>(size2)) in = static_cast<float>(size2 * static_cast<int64_t>(-in / size2)) + in;
    in = in < -len ? in + size2 : -in - 1;
  } else if (in > len - 1) {
    in -= static_cast<float>(size2 * static_cast<int64_t>(in / size2));
    if (in >= len) in = size2 - in - 1;
  }
  return std::fmin(std::fmax(in, 0.0f), static_cast<float>(len - 1));
}

void warp_forward(const ImageDims& d, const WarpParams& p, const float* transforms, const float* x, float* y,
                  ThreadPool* pool) {
  parallel_for(pool, d.n, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      const float* m = transforms + 6 * s;
      const float* xs = x + s * sample_size(d);
      float* ys = y + s * sample_size(d);
      for (int oy = 0; oy < d.h; ++oy)
        for (int ox = 0; ox < d.w; ++ox) {
          const Taps t = taps_at(d, p, m, oy, ox);
          float* out = ys + (static_cast<int64_t>(oy) * d.w + ox) * d.c;
          for (int ch = 0; ch < d.c; ++ch) {
            float v = t.fill * p.fill_value;
            for (int k = 0; k < t.count; ++k) v += t.weight[k] * xs[t.pixel[k] * d.c + ch];
            out[ch] = v;
          }
        }
    }
  });
}

void warp_backward(const ImageDims& d, const WarpParams& p, const float* transforms, const float* dy, float* dx,
                   ThreadPool* pool) {
  // Samples are independent, so each thread scatters into its own samples' gradients only.
  parallel_for(pool, d.n, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      const float* m = transforms + 6 * s;
      const float* gs = dy + s * sample_size(d);
      float* dxs = dx + s * sample_size(d);
      for (int oy = 0; oy < d.h; ++oy)
        for (int ox = 0; ox < d.w; ++ox) {
          const Taps t = taps_at(d, p, m, oy, ox);
          const float* g = gs + (static_cast<int64_t>(oy) * d.w + ox) * d.c;
          for (int k = 0; k < t.count; ++k)
            for (int ch = 0; ch < d.c; ++ch) dxs[t.pixel[k] * d.c + ch] += t.weight[k] * g[ch];
        }
    }
  });
}

namespace {
// The mean of one channel of one sample (stride c), in double so large images keep their precision.
double channel_mean(const ImageDims& d, const float* xs, int ch) {
  const int64_t pixels = static_cast<int64_t>(d.h) * d.w;
  double sum = 0;
  for (int64_t i = 0; i < pixels; ++i) sum += xs[i * d.c + ch];
  return sum / static_cast<double>(pixels);
}
}  // namespace

void contrast_forward(const ImageDims& d, const float* factors, float low, float high, const float* x, float* y,
                      ThreadPool* pool) {
  const int64_t pixels = static_cast<int64_t>(d.h) * d.w;
  parallel_for(pool, d.n, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      const float* xs = x + s * sample_size(d);
      float* ys = y + s * sample_size(d);
      const float f = factors[s];
      for (int ch = 0; ch < d.c; ++ch) {
        const float m = static_cast<float>(channel_mean(d, xs, ch));
        for (int64_t i = 0; i < pixels; ++i)
          ys[i * d.c + ch] = std::fmin(std::fmax((xs[i * d.c + ch] - m) * f + m, low), high);
      }
    }
  });
}

void contrast_backward(const ImageDims& d, const float* factors, float low, float high, const float* x,
                       const float* dy, float* dx, ThreadPool* pool) {
  // z = (x - mean) f + mean: dz_i/dx_j = f δij + (1 - f) / pixels, through the clip's mask.
  const int64_t pixels = static_cast<int64_t>(d.h) * d.w;
  parallel_for(pool, d.n, [&](int64_t b, int64_t e) {
    for (int64_t s = b; s < e; ++s) {
      const float* xs = x + s * sample_size(d);
      const float* gs = dy + s * sample_size(d);
      float* dxs = dx + s * sample_size(d);
      const float f = factors[s];
      for (int ch = 0; ch < d.c; ++ch) {
        const float m = static_cast<float>(channel_mean(d, xs, ch));
        const auto passes = [&](int64_t i) {
          const float z = (xs[i * d.c + ch] - m) * f + m;
          return z >= low && z <= high;
        };
        double passed = 0;
        for (int64_t i = 0; i < pixels; ++i)
          if (passes(i)) passed += gs[i * d.c + ch];
        const float shared = static_cast<float>((1.0 - f) * passed / static_cast<double>(pixels));
        for (int64_t i = 0; i < pixels; ++i)
          dxs[i * d.c + ch] += (passes(i) ? f * gs[i * d.c + ch] : 0.0f) + shared;
      }
    }
  });
}

}  // namespace kernels
}  // namespace layerwise
