// The numerical operations the executor calls, over raw NHWC float buffers with the batch first.
// Backward functions ACCUMULATE into input gradients (dx += ...), so a node used twice sums them;
// weight gradients are overwritten. Shapes are given in each comment.
#pragma once
#include <cstddef>
#include <cstdint>

#include "model_spec.h"

namespace layerwise {
class ThreadPool;

namespace ops {

// C(M,N) = alpha * op(A) * op(B) + beta * C, row-major; op transposes when the flag is set. scratch
// holds gemm_scratch_size(m, n, k, pool) floats, so the call never allocates.
size_t gemm_scratch_size(int m, int n, int k, ThreadPool* pool);
void gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
          float beta, float* c, int ldc, float* scratch, ThreadPool* pool);

// y(rows, cols) += bias(cols)
void bias_add(float* y, const float* bias, size_t rows, int cols, ThreadPool* pool);
// db(cols) = sum over rows of g(rows, cols)
void bias_grad(const float* g, size_t rows, int cols, float* db);

// y = act(z) elementwise (softmax over the last axis of length `last`); y may equal z.
void activation_forward(Act act, const float* z, float* y, size_t n, int last, ThreadPool* pool);
// g *= act'(.) in place; y is the forward output, z the input (needed by gelu and swish only).
void activation_backward(Act act, const float* y, const float* z, float* g, size_t n, int last, ThreadPool* pool);
inline bool activation_needs_input(Act act) { return act == Act::Gelu || act == Act::Swish; }

struct WindowGeometry {
  int batch, h, w, c;        // input (batch, h, w, c)
  int oh, ow;                // output height and width
  int kh, kw, sh, sw;        // window and strides
  int pad_top, pad_left;     // TensorFlow SAME padding, or 0 for VALID
};
WindowGeometry window_geometry(int batch, const Shape& in, const Shape& out, int kh, int kw, int sh, int sw, bool same);

// col(batch*oh*ow, kh*kw*c) from x(batch, h, w, c); padded cells are 0.
void im2col(const WindowGeometry& g, const float* x, float* col, ThreadPool* pool);
// dx(batch, h, w, c) += col2im(dcol)
void col2im_add(const WindowGeometry& g, const float* dcol, float* dx, ThreadPool* pool);

// Max pooling ignores padded cells; argmax holds the input index (within the sample) of each output.
void max_pool_forward(const WindowGeometry& g, const float* x, float* y, int32_t* argmax, ThreadPool* pool);
void max_pool_backward(const WindowGeometry& g, const float* dy, const int32_t* argmax, float* dx, ThreadPool* pool);
// Average pooling divides by the number of real (unpadded) cells, as TensorFlow does.
void avg_pool_forward(const WindowGeometry& g, const float* x, float* y, ThreadPool* pool);
void avg_pool_backward(const WindowGeometry& g, const float* dy, float* dx, ThreadPool* pool);

// (batch, hw, c) -> (batch, c)
void global_avg_pool_forward(int batch, int hw, int c, const float* x, float* y);
void global_avg_pool_backward(int batch, int hw, int c, const float* dy, float* dx);
void global_max_pool_forward(int batch, int hw, int c, const float* x, float* y, int32_t* argmax);
void global_max_pool_backward(int batch, int hw, int c, const float* dy, const int32_t* argmax, float* dx);

// Batch normalization over the last axis of x(rows, c). Training uses batch statistics and updates the
// moving ones (moving = moving * momentum + batch * (1 - momentum), biased variance as Keras 3);
// xhat and inv_std are kept for backward. gamma/beta may be null (scale/center off).
void batch_norm_train_forward(size_t rows, int c, const float* x, const float* gamma, const float* beta, float epsilon,
                              float momentum, float* moving_mean, float* moving_var, float* y, float* xhat,
                              float* inv_std, ThreadPool* pool);
void batch_norm_infer_forward(size_t rows, int c, const float* x, const float* gamma, const float* beta, float epsilon,
                              const float* moving_mean, const float* moving_var, float* y, ThreadPool* pool);
void batch_norm_backward(size_t rows, int c, const float* dy, const float* xhat, const float* inv_std, const float* gamma,
                         float* dx, float* dgamma, float* dbeta, ThreadPool* pool);

// Inverted dropout: keeps each value with probability 1 - rate and scales it by 1 / (1 - rate). The mask
// is a hash of (seed, step, index), so it is the same for any thread count and needs no storage.
void dropout_forward(const float* x, float* y, size_t n, float rate, uint64_t seed, uint64_t step, ThreadPool* pool);
void dropout_backward(const float* dy, float* dx, size_t n, float rate, uint64_t seed, uint64_t step, ThreadPool* pool);

} // namespace ops
} // namespace layerwise
