#include "global_pooling.h"

#include <algorithm>

#include "elementwise.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

void global_avg_pool2d_forward(int batch, int h, int w, int c, const float* x, float* y, ThreadPool* pool) {
  const int64_t hw = static_cast<int64_t>(h) * w;
  parallel_for(pool, batch, [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      float* out = y + n * c;
      std::fill(out, out + c, 0.0f);
      const float* xs = x + n * hw * c;
      for (int64_t i = 0; i < hw; ++i) ew::add_to(xs + i * c, out, c);
      const float inv = hw > 0 ? 1.0f / static_cast<float>(hw) : 0.0f;
      for (int k = 0; k < c; ++k) out[k] *= inv;
    }
  });
}

void global_avg_pool2d_backward(int batch, int h, int w, int c, const float* dy, float* dx, ThreadPool* pool) {
  const int64_t hw = static_cast<int64_t>(h) * w;
  if (hw <= 0) return;
  const float inv = 1.0f / static_cast<float>(hw);
  parallel_for(pool, batch, [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      const float* d = dy + n * c;
      float* xs = dx + n * hw * c;
      for (int64_t i = 0; i < hw; ++i) ew::map2(d, xs + i * c, xs + i * c, c, [inv](float g, float v) { return v + g * inv; });
    }
  });
}

void global_max_pool2d_forward(int batch, int h, int w, int c, const float* x, float* y, ThreadPool* pool) {
  const int64_t hw = static_cast<int64_t>(h) * w;
  if (hw <= 0) return;
  parallel_for(pool, batch, [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      float* out = y + n * c;
      const float* xs = x + n * hw * c;
      std::copy(xs, xs + c, out);
      for (int64_t i = 1; i < hw; ++i) ew::max_into(xs + i * c, out, c);
    }
  });
}

void global_max_pool2d_backward(int batch, int h, int w, int c, const float* x, const float* dy, float* dx,
                                ThreadPool* pool) {
  const int64_t hw = static_cast<int64_t>(h) * w;
  if (hw <= 0) return;
  parallel_for(pool, batch, [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      const float* xs = x + n * hw * c;
      float* dxs = dx + n * hw * c;
      for (int k = 0; k < c; ++k) {
        int64_t best = 0;
        for (int64_t i = 1; i < hw; ++i)
          if (xs[i * c + k] > xs[best * c + k]) best = i;
        dxs[best * c + k] += dy[n * c + k];
      }
    }
  });
}

}  // namespace kernels
}  // namespace layerwise
