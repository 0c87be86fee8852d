// MaxPooling2D / AveragePooling2D, channels-last: x (N, H, W, C) -> y (N, OH, OW, C).
// valid: OH = (H - PH) / SH + 1 (floor);  same: OH = ceil(H / SH), pad_top = floor(pad_total / 2) with
// pad_total = max((OH - 1) * SH + PH - H, 0) (TF semantics; same for the width).
// Padded cells are ignored: max takes the max over valid cells; average divides by the count of valid
// cells (TF/Keras). Max backward sends the gradient to the FIRST max in row-major window order.
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct Pool2DParams {
  int batch = 0, h = 0, w = 0, c = 0;
  int ph = 2, pw = 2, sh = 2, sw = 2;
  bool same = false;
  bool assign_dx = false;  // backward: dx is written (every value), not accumulated into
};

int pool_out_size(int in, int k, int s, bool same);

// x (N,H,W,C) -> y (N,OH,OW,C)
void max_pool2d_forward(const Pool2DParams& p, const float* x, float* y, ThreadPool* pool = nullptr);
// x forward input, dy (N,OH,OW,C); dx (N,H,W,C) += ... (ACCUMULATES unless assign_dx). Recomputes the
// argmax from x.
void max_pool2d_backward(const Pool2DParams& p, const float* x, const float* dy, float* dx, ThreadPool* pool = nullptr);

void avg_pool2d_forward(const Pool2DParams& p, const float* x, float* y, ThreadPool* pool = nullptr);
// dy (N,OH,OW,C); dx (N,H,W,C) += ... (ACCUMULATES unless assign_dx)
void avg_pool2d_backward(const Pool2DParams& p, const float* dy, float* dx, ThreadPool* pool = nullptr);

/** Naive references (window loops per output cell and channel), same contracts. */
void max_pool2d_forward_reference(const Pool2DParams& p, const float* x, float* y);
void max_pool2d_backward_reference(const Pool2DParams& p, const float* x, const float* dy, float* dx);
void avg_pool2d_forward_reference(const Pool2DParams& p, const float* x, float* y);
void avg_pool2d_backward_reference(const Pool2DParams& p, const float* dy, float* dx);

}  // namespace kernels
}  // namespace layerwise
