// Loss values and output gradients, fused with the output activation where that is stable and exact:
// softmax + (sparse) categorical cross-entropy and sigmoid + binary cross-entropy work on the logits.
#pragma once
#include <cstddef>

#include "model.h"
#include "model_spec.h"

namespace layerwise {

struct LossInput {
  Loss loss;
  Act output_act;
  const float* logits;  // pre-activation output, or null when the output activation is linear
  const float* output;  // (count, k) after the activation
  int count, k;
  TargetView targets;
  int target_offset;    // first sample of this chunk within the targets
};

/** True when the loss gradient is taken with respect to the logits (the activation is folded in). */
bool loss_fuses_activation(Loss loss, Act output_act);

/** Sum over the chunk of per-sample losses and correct predictions; writes d(mean loss)/d(output or
 *  logits) into grad (count, k) when grad is not null, scaled by 1 / batch. */
BatchStats loss_forward_backward(const LossInput& in, float* grad, int batch);

} // namespace layerwise
