// Elementwise activations (and softmax over the last axis), forward and backward.
// Keras semantics: leaky_relu negative_slope 0.2 (keras.activations.leaky_relu default), elu alpha 1,
// gelu exact erf form (Keras 3 approximate=False), swish x*sigmoid(x), softmax numerically stable.
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

// The addon reads it from a node's "activation" param (layerwise::Act is this enum).
enum class Act { Linear, Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu, Gelu, Swish };

constexpr float kLeakyReluSlope = 0.2f;
constexpr float kEluAlpha = 1.0f;

/** True for gelu and swish, whose backward needs the forward INPUT x; all others need only the
 *  forward OUTPUT y (so they can run in place and keep just y). */
bool activation_backward_needs_input(Act act);

// x, y: (rows, cols). Softmax normalises each row (the last axis); the rest are elementwise.
// y may alias x (in place).
void activation_forward(Act act, const float* x, float* y, int64_t rows, int64_t cols, ThreadPool* pool = nullptr);

// Fused bias + activation: z (rows, cols) += bias (cols) in place, then y = act(z). y may alias z (then
// only y is kept). One pass over memory for the elementwise activations.
void bias_activation_forward(Act act, float* z, const float* bias, float* y, int64_t rows, int64_t cols,
                             ThreadPool* pool = nullptr);

// x, y, dy, dx: (rows, cols). dx = dy * f'(x)  (accumulate=false)  or  dx += dy * f'(x)  (accumulate=true).
// Uses y (forward output) for relu, sigmoid, tanh, softmax, leaky_relu, elu (x may be null);
// uses x (forward input) for gelu and swish (y may be null); linear uses neither.
// With accumulate=false dx may alias dy.
void activation_backward(Act act, const float* x, const float* y, const float* dy, float* dx, int64_t rows,
                         int64_t cols, bool accumulate, ThreadPool* pool = nullptr);

/** Scalar activation value (reference; not for softmax). */
float activation_value(Act act, float x);

}  // namespace kernels
}  // namespace layerwise
