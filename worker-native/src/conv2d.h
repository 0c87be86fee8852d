// Conv2D, channels-last: x (N, H, W, Cin), kernel HWIO (KH, KW, Cin, Cout), bias (Cout) -> y (N, OH, OW, Cout).
// Padding valid | same with Keras/TF SAME semantics:
//   valid: OH = (H - KH) / SH + 1 (floor), no padding.
//   same:  OH = ceil(H / SH); pad_total = max((OH - 1) * SH + KH - H, 0); pad_top = pad_total / 2 (floor),
//          the rest at the bottom. Same for the width.
// Fast path: im2col (over chunks of samples, bounded scratch) + packed GEMM; 1x1/stride-1/valid skips
// im2col. With enough samples, forward and backward split the batch over the threads in cache-sized
// chunks (backward keeps a few fixed partial sums of the weight gradients, added in a fixed order, so
// results do not depend on the thread count up to kWeightGradGroups threads). A direct scalar reference implementation sits beside it for tests.
#pragma once
#include <cstddef>

#include "activations.h"

namespace layerwise {
class ThreadPool;
namespace kernels {

struct Conv2DParams {
  int batch = 0, h = 0, w = 0, in_c = 0, out_c = 0;
  int kh = 1, kw = 1, sh = 1, sw = 1;
  bool same = false;
  Act act = Act::Linear;
  bool accumulate_weight_grads = false;  // false: dw/db overwritten; true: dw += , db +=
  bool assign_dx = false;                // backward: dx is written (every value), not accumulated into
};

/** Output extent along one axis (see header comment). */
int conv_out_size(int in, int k, int s, bool same);
/** Padding before (top/left) along one axis. */
int conv_pad_before(int in, int k, int s, bool same);

/** Floats of scratch conv2d_forward / conv2d_backward need with up to `threads` threads. */
size_t conv2d_forward_scratch_size(const Conv2DParams& p, int threads);
size_t conv2d_backward_scratch_size(const Conv2DParams& p, int threads);

// x (N,H,W,Cin), w (KH,KW,Cin,Cout), b (Cout) or null -> y (N,OH,OW,Cout).
// z (N,OH,OW,Cout): pre-activation; required (non-null, not aliasing y) for gelu/swish, else may be null.
void conv2d_forward(const Conv2DParams& p, const float* x, const float* w, const float* b, float* y, float* z,
                    float* scratch, ThreadPool* pool);

// dy (N,OH,OW,Cout) gradient w.r.t. y; y forward output, z pre-activation (gelu/swish only).
// dx (N,H,W,Cin)     += ...  (ACCUMULATES unless assign_dx; null to skip, e.g. for the first layer)
// dw (KH,KW,Cin,Cout) = ...  (overwrites unless accumulate_weight_grads; null to skip)
// db (Cout)           = ...  (same rule; null to skip)
void conv2d_backward(const Conv2DParams& p, const float* x, const float* w, const float* z, const float* y,
                     const float* dy, float* dx, float* dw, float* db, float* scratch, ThreadPool* pool);

/** Direct-loop references (double accumulation), same contracts. */
void conv2d_forward_reference(const Conv2DParams& p, const float* x, const float* w, const float* b, float* y, float* z);
void conv2d_backward_reference(const Conv2DParams& p, const float* x, const float* w, const float* z, const float* y,
                               const float* dy, float* dx, float* dw, float* db);

}  // namespace kernels
}  // namespace layerwise
