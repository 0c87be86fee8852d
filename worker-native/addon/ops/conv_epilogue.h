// The activation step shared by the layers whose kernels are linear (DepthwiseConv2D, Conv2DTranspose):
// where the linear result goes, the activation after it, and the gradient of the linear result in backward.
// Fused with the loss (run.fused), `pre` holds the logits and the loss supplies their gradient.
#pragma once
#include <cstddef>

#include "../kernel_params.h"
#include "../layer_op.h"

namespace layerwise {

/** Whether backward needs the pre-activation values: gelu and swish, or logits for the loss. */
inline bool linear_then_activation_keeps_pre(const NodeSpec& node, bool fused) {
  return fused || kernels::activation_backward_needs_input(kernel_act(node.act));
}

/** Where the kernel writes its linear output: `pre` when kept, else the output itself. */
inline float* linear_output(const LayerRun& run) { return run.pre ? run.pre : run.out; }

/** out = activation(linear output), `cols` values per position (softmax acts on the channels). */
inline void apply_activation(const LayerRun& run, size_t values, int cols) {
  const kernels::Act act = kernel_act(run.node.act);
  const int64_t rows = static_cast<int64_t>(values / cols);
  if (run.pre) kernels::activation_forward(act, run.pre, run.out, rows, cols, run.pool);
  else if (act != kernels::Act::Linear) kernels::activation_forward(act, run.out, run.out, rows, cols, run.pool);
}

/** Floats of scratch linear_gradient needs. */
inline size_t linear_gradient_floats(const NodeSpec& node, size_t values) {
  return node.act == Act::Linear ? 0 : (values + 15) / 16 * 16;
}

/** The gradient of the linear output: run.grad itself, or dy * act'(.) written into `buffer`. */
inline const float* linear_gradient(const LayerRun& run, size_t values, int cols, float* buffer) {
  const kernels::Act act = kernel_act(run.node.act);
  if (run.fused || act == kernels::Act::Linear) return run.grad;
  kernels::activation_backward(act, run.pre, run.out, run.grad, buffer, static_cast<int64_t>(values / cols), cols,
                               false, run.pool);
  return buffer;
}

} // namespace layerwise
