// The activation layers with settings (Keras 3 ReLU, LeakyReLU, ELU, PReLU, Softmax on any axis),
// forward and backward over flat float32 buffers. The fixed-constant activations of Dense, Conv2D and
// Activation stay in activations.h; these take their constants from the layer.
// Backward ACCUMULATES into dx; PReLU's alpha gradient OVERWRITES.
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

/** Keras 3 ReLU: y = clip(x > threshold ? x : 0, 0, max_value) - negative_slope * max(threshold - x, 0).
 *  (max_value applies only when has_max.) LeakyReLU is threshold 0, no cap. */
struct ReluSettings {
  bool has_max = false;
  float max_value = 0, negative_slope = 0, threshold = 0;
};

// x, y, dy, dx: n values.
void relu_forward(const ReluSettings& s, const float* x, float* y, int64_t n, ThreadPool* pool = nullptr);
void relu_backward(const ReluSettings& s, const float* x, const float* dy, float* dx, int64_t n,
                   ThreadPool* pool = nullptr);

/** ELU: y = x for x > 0, alpha * (exp(x) - 1) otherwise; backward uses x and y. */
void elu_forward(float alpha, const float* x, float* y, int64_t n, ThreadPool* pool = nullptr);
void elu_backward(float alpha, const float* x, const float* y, const float* dy, float* dx, int64_t n,
                  ThreadPool* pool = nullptr);

/** Softmax along the middle axis of x viewed as (outer, axis, inner); numerically stable (max shift).
 *  inner == 1 is the last axis. y may alias x. */
void softmax_axis_forward(const float* x, float* y, int64_t outer, int64_t axis, int64_t inner,
                          ThreadPool* pool = nullptr);
/** dx += y * (dy - sum_axis(dy * y)). */
void softmax_axis_backward(const float* y, const float* dy, float* dx, int64_t outer, int64_t axis, int64_t inner,
                           ThreadPool* pool = nullptr);

/** PReLU over `count` samples of `size` values: y = x for x > 0, alpha[index[i]] * x otherwise, where
 *  index (size) maps each position of a sample to its (possibly shared) slope. */
void prelu_forward(const float* x, const float* alpha, const int32_t* index, float* y, int64_t count, int64_t size);
/** dx += dy * (x > 0 ? 1 : alpha); dalpha (alpha's size, OVERWRITTEN) = sum over samples and shared
 *  positions of dy * min(x, 0). dx or dalpha may be null. */
void prelu_backward(const float* x, const float* alpha, const int32_t* index, const float* dy, float* dx,
                    float* dalpha, int64_t alpha_size, int64_t count, int64_t size);

}  // namespace kernels
}  // namespace layerwise
