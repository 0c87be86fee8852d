// Add (n inputs, same shape) and Concatenate (any axis), forward and backward: the loops the model runs.
// Concatenate along an axis of a row-major tensor: with outer = product of the dims before the axis and,
// for input i, span_i = (its extent on the axis) * (product of the dims after the axis), output row o is
// input_0[o*span_0 ..) ++ input_1[o*span_1 ..) ++ ...  For NHWC along the last axis: outer = N*H*W,
// span_i = C_i. concat_geometry() computes outer/spans from shapes. Single-threaded: memory-bound copies
// and sums that cost little beside the layers around them.
#pragma once
#include <cstdint>

namespace layerwise {
namespace kernels {

// inputs[n] each (size) -> y (size) = ((x0 + x1) + x2) + ...; y must not alias an input.
void add_forward(const float* const* inputs, int n, int64_t size, float* y);
// dxs[i] += dy for each i (null entries skipped)  (ACCUMULATES)
void add_backward(const float* dy, float* const* dxs, int n, int64_t size);

/** outer and spans (n entries) for concatenating n tensors of `rank` dims along `axis` (negative counts
 *  from the end). shapes[i] points to input i's dims. Returns false if axis is out of range or the
 *  non-axis dims differ. */
bool concat_geometry(const int* const* shapes, int n, int rank, int axis, int64_t* outer, int64_t* spans);

// inputs[i] (outer, spans[i]) -> y (outer, sum spans)
void concat_forward(const float* const* inputs, const int64_t* spans, int n, int64_t outer, float* y);
// dxs[i] (outer, spans[i]) += matching slices of dy  (ACCUMULATES; null entries skipped)
void concat_backward(const float* dy, float* const* dxs, const int64_t* spans, int n, int64_t outer);

}  // namespace kernels
}  // namespace layerwise
