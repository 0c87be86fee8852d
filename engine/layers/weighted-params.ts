// What the layers with a kernel, a bias and their own activation share (Dense and the convolutions):
// the params after their shape params, in Keras' order, and the kernel_regularizer as the native core
// reads it (the two factors of loss += l1 · Σ|w| + l2 · Σw² on the layer's `kernel`, on top of the
// training settings' global l2).
import { activation, bool, initializer, regularizer, type Regularizer } from '../params';

/** activation, use_bias, the two initializers and kernel_regularizer; `each` names what gets a bias. */
export const weightedParams = (each: 'unit' | 'filter') => ({
  activation: activation('linear'),
  use_bias: bool(true, `Add a learned bias to each ${each}.`),
  kernel_initializer: initializer('glorot_uniform', 'How the kernel is initialised.'),
  bias_initializer: initializer('zeros', 'How the bias is initialised.'),
  kernel_regularizer: regularizer(
    "Penalty on the kernel added to the loss: 'l1', 'l2' or factors such as l2=0.001.",
  ),
});

export const kernelPenalty = (regularizer: Regularizer) => ({
  kernel_l1: regularizer?.l1 ?? 0,
  kernel_l2: regularizer?.l2 ?? 0,
});
