// Reshape: same values, new shape; one dimension may be -1 and is then inferred, as in Keras.
import { defineLayer } from '../define-layer';
import { LayerShapeError } from '../issues';
import { dims } from '../params';
import { formatDims, shapeSize } from '../shape';
import { singleInput } from './shape-rules';

export const Reshape = defineLayer({
  type: 'Reshape',
  category: 'Core',
  doc: 'Gives its input a new shape with the same number of values.',
  params: {
    target_shape: dims(
      [28, 28, 1],
      'The new shape, without the batch; one entry may be -1 (inferred).',
      3,
      true,
    ),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const input = singleInput(inputs);
    const size = shapeSize(input);
    const known = p.target_shape.filter((d) => d !== -1);
    const knownSize = shapeSize(known);
    const wildcard = known.length < p.target_shape.length;
    if (wildcard ? size % knownSize !== 0 : size !== knownSize) {
      throw new LayerShapeError(
        'E_SHAPE_MISMATCH',
        'shape.reshapeSize',
        { shape: formatDims(input), size, target: formatDims(p.target_shape) },
        'target_shape',
      );
    }
    return p.target_shape.map((d) => (d === -1 ? size / knownSize : d));
  },
});
