// Flatten: any shape to one dimension, e.g. (5, 5, 64) -> (1600).
import { defineLayer } from '../define-layer';
import { shapeSize } from '../shape';
import { singleInput } from './shape-rules';

export const Flatten = defineLayer({
  type: 'Flatten',
  category: 'Core',
  doc: 'Flattens its input into one long vector, e.g. before Dense layers.',
  params: {},
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => [shapeSize(singleInput(inputs))],
});
