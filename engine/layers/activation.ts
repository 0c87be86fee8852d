// Activation: applies an activation function on its own, e.g. after a BatchNormalization.
import { defineLayer } from '../define-layer';
import { activation } from '../params';
import { singleInput } from './shape-rules';

export const Activation = defineLayer({
  type: 'Activation',
  category: 'Activation',
  doc: 'Applies an activation function to every value.',
  params: {
    activation: activation('relu', 'The activation function.'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
});
