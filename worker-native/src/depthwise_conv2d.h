// DepthwiseConv2D, channels-last: each input channel is convolved with its own `multiplier` filters.
//   x (N, H, W, C), kernel (KH, KW, C, M) as Keras' depthwise_kernel, bias (C*M) -> y (N, OH, OW, C*M),
//   output channel c*M + m = sum over the window of x[..., c] * kernel[ky, kx, c, m].
// OH, OW and the 'same' padding follow conv2d.h (conv_out_size, conv_pad_before). No im2col: a direct
// loop whose inner loop runs over the contiguous C*M kernel/output row; rows of the output are spread
// over the threads. The kernels here are linear (bias included); the layer applies its activation.
#pragma once
#include <cstddef>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct DepthwiseConv2DParams {
  int batch = 0, h = 0, w = 0, in_c = 0, multiplier = 1;
  int kh = 1, kw = 1, sh = 1, sw = 1;
  bool same = false;
};

/** Floats of scratch depthwise_conv2d_backward needs (partial weight gradients, any thread count). */
size_t depthwise_conv2d_backward_scratch_size(const DepthwiseConv2DParams& p);

// x (N,H,W,C), w (KH,KW,C,M), b (C*M) or null -> y (N,OH,OW,C*M) (overwritten).
void depthwise_conv2d_forward(const DepthwiseConv2DParams& p, const float* x, const float* w, const float* b,
                              float* y, ThreadPool* pool);

// dy (N,OH,OW,C*M): gradient of y.
// dx (N,H,W,C)   += ...  (ACCUMULATES; null to skip)
// dw (KH,KW,C,M)  = ...  (overwrites; null to skip)
// db (C*M)        = ...  (overwrites; null to skip)
// Weight gradients are summed in a fixed order, so they do not depend on the thread count.
void depthwise_conv2d_backward(const DepthwiseConv2DParams& p, const float* x, const float* w, const float* dy,
                               float* dx, float* dw, float* db, float* scratch, ThreadPool* pool);

/** Plain loops with double accumulation, same contracts (for tests). */
void depthwise_conv2d_forward_reference(const DepthwiseConv2DParams& p, const float* x, const float* w,
                                        const float* b, float* y);
void depthwise_conv2d_backward_reference(const DepthwiseConv2DParams& p, const float* x, const float* w,
                                         const float* dy, float* dx, float* dw, float* db);

}  // namespace kernels
}  // namespace layerwise
