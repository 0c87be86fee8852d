// A kernel_regularizer as the native core reads it: the two factors of loss += l1 · Σ|w| + l2 · Σw² on
// the layer's `kernel` weight (on top of the training settings' global l2).
import type { Regularizer } from '../params';

export const kernelPenalty = (regularizer: Regularizer) => ({
  kernel_l1: regularizer?.l1 ?? 0,
  kernel_l2: regularizer?.l2 ?? 0,
});
