// The training losses as the model runs them: loss values, accuracy and the output gradient, fused with
// the output activation where that is stable and exact (softmax + (sparse) categorical cross-entropy and
// sigmoid + binary cross-entropy work on the logits). Keras semantics ("sum_over_batch_size"): per-sample
// losses are summed here and the caller divides by the batch; the gradient is already scaled by 1 / batch.
// Cross-entropy on probabilities clips them to [1e-7, 1 - 1e-7] like Keras. Gradients OVERWRITE.
#pragma once
#include <cstddef>
#include <cstdint>

#include "activations.h"

namespace layerwise {
namespace kernels {

enum class Loss { SparseCategoricalCrossentropy, CategoricalCrossentropy, BinaryCrossentropy, MeanSquaredError };

/** Targets: class indices (sparse loss, int32 or uint8) or float32 values shaped like the output. */
struct LossTargets {
  const int32_t* i32 = nullptr;
  const uint8_t* u8 = nullptr;
  const float* f32 = nullptr;
};

/** Sums over a chunk of samples: per-sample losses and correct predictions (divide by the count). */
struct LossSums {
  double loss = 0;
  double accuracy = 0;
};

struct LossInput {
  Loss loss;
  Act output_act;
  const float* logits;  // pre-activation output (count, k), or null: then nothing is fused
  const float* output;  // (count, k) after the activation
  int count, k;
  LossTargets targets;
  int target_offset;    // first sample of this chunk within the targets
};

/** True when the loss gradient is taken with respect to the logits (the activation is folded in). */
bool loss_fuses_activation(Loss loss, Act output_act);

/** Sums over the chunk of per-sample losses and correct predictions; writes d(mean loss)/d(output or
 *  logits) into grad (count, k) when grad is not null, scaled by 1 / batch. Sparse labels must lie in
 *  [0, k) (the addon checks them at the boundary). */
LossSums loss_forward_backward(const LossInput& in, float* grad, int batch);

} // namespace kernels
} // namespace layerwise
