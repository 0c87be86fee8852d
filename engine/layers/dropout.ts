// Dropout: zeroes a random fraction of values while training (scaling the rest), identity at inference.
import { defineLayer } from '../define-layer';
import { float } from '../params';
import { singleInput } from './shape-rules';

export const Dropout = defineLayer({
  type: 'Dropout',
  category: 'Regularization',
  doc: 'Randomly drops a fraction of values while training to reduce overfitting.',
  params: {
    rate: float(0.5, 'Fraction of values dropped while training.', 0, 1, true),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
});
