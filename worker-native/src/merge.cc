// Add and Concatenate: plain loops over the flat buffers (see merge.h for the layout).
#include "merge.h"

#include <cstring>

namespace layerwise {
namespace kernels {

void add_forward(const float* const* inputs, int n, int64_t size, float* y) {
  if (n <= 0) return;
  std::memcpy(y, inputs[0], static_cast<size_t>(size) * sizeof(float));
  for (int i = 1; i < n; i++) {
    const float* x = inputs[i];
    for (int64_t j = 0; j < size; j++) y[j] += x[j];
  }
}

void add_backward(const float* dy, float* const* dxs, int n, int64_t size) {
  for (int i = 0; i < n; i++)
    if (float* dx = dxs[i])
      for (int64_t j = 0; j < size; j++) dx[j] += dy[j];
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

void concat_forward(const float* const* inputs, const int64_t* spans, int n, int64_t outer, float* y) {
  int64_t row = 0;
  for (int i = 0; i < n; i++) row += spans[i];
  int64_t at = 0;
  for (int i = 0; i < n; i++) {
    const float* x = inputs[i];
    for (int64_t o = 0; o < outer; o++) std::memcpy(y + o * row + at, x + o * spans[i], static_cast<size_t>(spans[i]) * sizeof(float));
    at += spans[i];
  }
}

void concat_backward(const float* dy, float* const* dxs, const int64_t* spans, int n, int64_t outer) {
  int64_t row = 0;
  for (int i = 0; i < n; i++) row += spans[i];
  int64_t at = 0;
  for (int i = 0; i < n; i++) {
    if (float* dx = dxs[i])
      for (int64_t o = 0; o < outer; o++)
        for (int64_t j = 0; j < spans[i]; j++) dx[o * spans[i] + j] += dy[o * row + at + j];
    at += spans[i];
  }
}

}  // namespace kernels
}  // namespace layerwise
