#include "merge.h"

#include <algorithm>
#include <cstring>

#include "elementwise.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {
constexpr int64_t kGrain = 16384;
}

void add_forward(const float* const* inputs, int n, int64_t size, float* y, ThreadPool* pool) {
  if (n <= 0) return;
  parallel_for(pool, size, [&](int64_t b, int64_t e) {
    if (n == 1) {
      if (y != inputs[0]) std::copy(inputs[0] + b, inputs[0] + e, y + b);
      return;
    }
    // Pairwise first (y may alias any input), then the rest.
    ew::map2(inputs[0] + b, inputs[1] + b, y + b, e - b, [](float u, float v) { return u + v; });
    for (int k = 2; k < n; ++k) ew::add_to(inputs[k] + b, y + b, e - b);
  }, kGrain);
}

void add_backward(const float* dy, float* const* dxs, int n, int64_t size, ThreadPool* pool) {
  parallel_for(pool, size, [&](int64_t b, int64_t e) {
    for (int k = 0; k < n; ++k) {
      float* d = dxs[k];
      if (!d) continue;
      ew::add_to(dy + b, d + b, e - b);
    }
  }, kGrain);
}

bool concat_geometry(const int* const* shapes, int n, int rank, int axis, int64_t* outer, int64_t* spans) {
  if (n <= 0 || rank <= 0) return false;
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return false;
  for (int i = 1; i < n; ++i)
    for (int d = 0; d < rank; ++d)
      if (d != axis && shapes[i][d] != shapes[0][d]) return false;
  int64_t o = 1, inner = 1;
  for (int d = 0; d < axis; ++d) o *= shapes[0][d];
  for (int d = axis + 1; d < rank; ++d) inner *= shapes[0][d];
  *outer = o;
  for (int i = 0; i < n; ++i) spans[i] = static_cast<int64_t>(shapes[i][axis]) * inner;
  return true;
}

void concat_forward(const float* const* inputs, const int64_t* spans, int n, int64_t outer, float* y,
                    ThreadPool* pool) {
  int64_t total = 0;
  for (int i = 0; i < n; ++i) total += spans[i];
  parallel_for(pool, outer, [&](int64_t b, int64_t e) {
    for (int64_t o = b; o < e; ++o) {
      float* dst = y + o * total;
      for (int i = 0; i < n; ++i) {
        std::memcpy(dst, inputs[i] + o * spans[i], sizeof(float) * static_cast<size_t>(spans[i]));
        dst += spans[i];
      }
    }
  }, std::max<int64_t>(1, kGrain / std::max<int64_t>(total, 1)));
}

void concat_backward(const float* dy, float* const* dxs, const int64_t* spans, int n, int64_t outer,
                     ThreadPool* pool) {
  int64_t total = 0;
  for (int i = 0; i < n; ++i) total += spans[i];
  parallel_for(pool, outer, [&](int64_t b, int64_t e) {
    for (int64_t o = b; o < e; ++o) {
      const float* src = dy + o * total;
      for (int i = 0; i < n; ++i) {
        if (dxs[i]) {
          ew::add_to(src, dxs[i] + o * spans[i], spans[i]);
        }
        src += spans[i];
      }
    }
  }, std::max<int64_t>(1, kGrain / std::max<int64_t>(total, 1)));
}

}  // namespace kernels
}  // namespace layerwise
