// Dense (fully connected) layer: y = act(x * W + b). W is (in, out) row-major, like Keras.
#pragma once
#include <cstddef>

#include "activations.h"

namespace layerwise {
class ThreadPool;
namespace kernels {

struct DenseParams {
  int batch = 0, in = 0, out = 0;
  Act act = Act::Linear;
  bool accumulate_weight_grads = false;  // false: dw/db are overwritten; true: dw += , db +=
};

/** Floats of scratch dense_forward / dense_backward need with up to `threads` threads. */
size_t dense_forward_scratch_size(const DenseParams& p, int threads);
size_t dense_backward_scratch_size(const DenseParams& p, int threads);

// x (batch, in), w (in, out), b (out) or null -> y (batch, out).
// z (batch, out): where the pre-activation is kept; required (non-null, not aliasing y) when
// activation_backward_needs_input(act) (gelu, swish); otherwise may be null.
void dense_forward(const DenseParams& p, const float* x, const float* w, const float* b, float* y, float* z,
                   float* scratch, ThreadPool* pool);

// dy (batch, out): gradient w.r.t. y.  x, w as in forward; y = forward output; z = pre-activation (only
// read for gelu/swish).
// dx (batch, in)  += dy' * W^T    (ACCUMULATES; null to skip)
// dw (in, out)     = x^T * dy'    (overwrites unless accumulate_weight_grads; null to skip)
// db (out)         = sum_n dy'    (same rule; null to skip)     where dy' = dy * act'(.)
void dense_backward(const DenseParams& p, const float* x, const float* w, const float* z, const float* y,
                    const float* dy, float* dx, float* dw, float* db, float* scratch, ThreadPool* pool);

/** Reference (plain loops, double accumulation) for tests. Same contract as the fast versions. */
void dense_forward_reference(const DenseParams& p, const float* x, const float* w, const float* b, float* y, float* z);
void dense_backward_reference(const DenseParams& p, const float* x, const float* w, const float* z, const float* y,
                              const float* dy, float* dx, float* dw, float* db);

}  // namespace kernels
}  // namespace layerwise
