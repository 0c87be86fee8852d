// Optimizer steps over contiguous float buffers (params, grads and per-parameter state of equal length),
// following Keras 3's update formulas exactly (computed in float32 like Keras, except the bias-correction
// powers, which are computed in double then rounded). Plus gradient clipping, weight decay, L2 and
// learning-rate schedules.
//
// Order Keras 3 uses in optimizer.apply(): clip gradients -> decoupled weight decay -> update step.
#pragma once
#include <cstddef>
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

// SGD:  momentum == 0:  p -= lr * g
//       else:           m = momentum * m - lr * g;  p += m                           (nesterov = false)
//                                                   p += momentum * m - lr * g        (nesterov = true, m already updated)
// m: n floats (zero-initialised; may be null when momentum == 0).
void sgd_step(float* params, const float* grads, float* m, size_t n, float lr, float momentum, bool nesterov,
              ThreadPool* pool = nullptr);

// Adam: t = iterations + 1 (1-based step count of THIS update)
//   lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
//   m += (g - m) * (1 - beta1);  v += (g^2 - v) * (1 - beta2);  p -= lr_t * m / (sqrt(v) + epsilon)
// m, v: n floats, zero-initialised.
struct AdamParams {
  float lr = 0.001f, beta_1 = 0.9f, beta_2 = 0.999f, epsilon = 1e-7f;
};
void adam_step(float* params, const float* grads, float* m, float* v, size_t n, int64_t t, const AdamParams& a,
               ThreadPool* pool = nullptr);

// AdamW = decoupled weight decay (p -= lr * weight_decay * p, Keras default weight_decay 0.004) then adam_step.
void adamw_step(float* params, const float* grads, float* m, float* v, size_t n, int64_t t, const AdamParams& a,
                float weight_decay, ThreadPool* pool = nullptr);

// RMSprop (centered = false):
//   v = rho * v + (1 - rho) * g^2;  inc = lr * g / sqrt(v + epsilon)
//   momentum == 0: p -= inc;   else: mom = momentum * mom + inc; p -= mom
// v: n floats zero-initialised; mom: n floats (may be null when momentum == 0).
struct RmsPropParams {
  float lr = 0.001f, rho = 0.9f, momentum = 0.0f, epsilon = 1e-7f;
};
void rmsprop_step(float* params, const float* grads, float* v, float* mom, size_t n, const RmsPropParams& r,
                  ThreadPool* pool = nullptr);

/** Keras' decoupled weight decay for any optimizer: p -= lr * weight_decay * p. */
void apply_weight_decay(float* params, size_t n, float lr, float weight_decay, ThreadPool* pool = nullptr);

/** L2 regularisation (keras.regularizers.L2): returns the penalty l2 * sum(p^2) and does g += 2 * l2 * p. */
double add_l2_regularization(const float* params, float* grads, size_t n, float l2);

/** L1 regularisation (keras.regularizers.L1): returns l1 * sum|p| and does g += l1 * sign(p). */
double add_l1_regularization(const float* params, float* grads, size_t n, float l1);

/** sqrt(sum g^2) (double accumulation). */
double l2_norm(const float* g, size_t n);

/** Global-norm clipping (Keras global_clipnorm) over several gradient ranges treated as one vector:
 *  if norm > clipnorm, every g *= clipnorm / norm. Returns the norm before clipping. */
double clip_by_global_norm(float* const* grads, const size_t* sizes, int count, float clipnorm);
/** Convenience for one contiguous buffer holding all gradients. */
double clip_by_global_norm(float* grads, size_t n, float clipnorm);
/** Per-variable clipping (Keras clipnorm): call once per weight tensor. */
double clip_by_norm(float* grads, size_t n, float clipnorm);

// Learning-rate schedules, pure functions of the 0-based step (Keras passes optimizer.iterations,
// the number of updates already applied).
float lr_constant(float lr, int64_t step);
/** lr * gamma ^ floor(step / every_steps)  (ExponentialDecay with staircase=True). */
float lr_step_decay(float lr, int64_t step, int64_t every_steps, float gamma);
/** Keras CosineDecay (no warmup): s = min(step, decay_steps) / decay_steps;
 *  lr * ((1 - alpha) * 0.5 * (1 + cos(pi * s)) + alpha). */
float lr_cosine_decay(float lr, int64_t step, int64_t decay_steps, float alpha);

}  // namespace kernels
}  // namespace layerwise
