// Conv2DTranspose, channels-last: the gradient of a Conv2D with respect to its input, used as a layer.
//   x (N, H, W, Cin), kernel (KH, KW, F, Cin) as Keras stores it (filters before input channels),
//   bias (F) -> y (N, OH, OW, F) with y[oy, ox, f] += x[iy, ix, c] * kernel[ky, kx, f, c] at
//   oy = iy*SH + ky - pad_top, ox = ix*SW + kx - pad_left (cells outside the output are dropped).
// Keras 3 sizes (output_padding None): valid OH = H*SH + max(KH - SH, 0), pad 0;
//   same OH = H*SH, pad_top = max(KH - SH, 0) / 2 (floor), as TF's conv2d_transpose.
// Fast path: GEMM (x · kernelᵀ → columns, then col2im as a gather over output rows) over chunks of
// samples; backward im2col's dy once and reuses it for dx and dkernel. Linear (bias included): the
// layer applies its activation.
#pragma once
#include <cstddef>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct Conv2DTransposeParams {
  int batch = 0, h = 0, w = 0, in_c = 0, out_c = 0;  // out_c: filters
  int kh = 1, kw = 1, sh = 1, sw = 1;
  bool same = false;
};

/** Output extent along one axis (see header comment). */
int conv_transpose_out_size(int in, int k, int s, bool same);
/** Cells cropped before (top/left) along one axis. */
int conv_transpose_pad_before(int k, int s, bool same);

/** Floats of scratch forward / backward need with up to `threads` threads. */
size_t conv2d_transpose_forward_scratch_size(const Conv2DTransposeParams& p, int threads);
size_t conv2d_transpose_backward_scratch_size(const Conv2DTransposeParams& p, int threads);

// x (N,H,W,Cin), w (KH,KW,F,Cin), b (F) or null -> y (N,OH,OW,F) (overwritten).
void conv2d_transpose_forward(const Conv2DTransposeParams& p, const float* x, const float* w, const float* b,
                              float* y, float* scratch, ThreadPool* pool);

// dy (N,OH,OW,F): gradient of y.
// dx (N,H,W,Cin)   += ...  (ACCUMULATES; null to skip)
// dw (KH,KW,F,Cin)  = ...  (overwrites; null to skip)
// db (F)            = ...  (overwrites; null to skip)
void conv2d_transpose_backward(const Conv2DTransposeParams& p, const float* x, const float* w, const float* dy,
                               float* dx, float* dw, float* db, float* scratch, ThreadPool* pool);

/** Direct scatter loops with double accumulation, same contracts (for tests). */
void conv2d_transpose_forward_reference(const Conv2DTransposeParams& p, const float* x, const float* w,
                                        const float* b, float* y);
void conv2d_transpose_backward_reference(const Conv2DTransposeParams& p, const float* x, const float* w,
                                         const float* dy, float* dx, float* dw, float* db);

}  // namespace kernels
}  // namespace layerwise
