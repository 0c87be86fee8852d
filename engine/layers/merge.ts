// Add and Concatenate: the layers that join branches of a graph.
import { defineLayer } from '../define-layer';
import { LayerShapeError } from '../issues';
import { int } from '../params';
import { formatDims, sameShape, type Shape } from '../shape';

const MANY_INPUTS = { min: 2, max: Number.POSITIVE_INFINITY };

const listShapes = (inputs: readonly Shape[]) => inputs.map(formatDims).join(', ');

export const Add = defineLayer({
  type: 'Add',
  category: 'Merge',
  doc: 'Adds its inputs element by element; they must have the same shape (e.g. residual connections).',
  params: {},
  inputs: MANY_INPUTS,
  outputShape: (inputs) => {
    const [first] = inputs;
    if (first === undefined || !inputs.every((s) => sameShape(s, first))) {
      throw new LayerShapeError('E_SHAPE_MISMATCH', 'shape.addMismatch', { shapes: listShapes(inputs) });
    }
    return first;
  },
});

export const Concatenate = defineLayer({
  type: 'Concatenate',
  category: 'Merge',
  doc: 'Joins its inputs along one axis (channels by default), in the order they are connected.',
  params: {
    // Keras counts the batch as axis 0, so -1 is the last axis and 1 the first one after the batch.
    axis: int(-1, 'Axis to join along; -1 is the last (channels), 1 the first after the batch.', -4, 4),
  },
  inputs: MANY_INPUTS,
  outputShape: (inputs, p) => {
    const [first] = inputs;
    if (first === undefined) throw new LayerShapeError('E_INPUT_COUNT', 'shape.needsInput');
    const rank = first.length;
    const axis = p.axis < 0 ? rank + p.axis : p.axis - 1;
    if (p.axis === 0 || axis < 0 || axis >= rank) {
      const id = p.axis === 0 ? 'shape.concatBatchAxis' : 'shape.concatAxis';
      throw new LayerShapeError('E_RANK', id, { axis: p.axis, rank }, 'axis');
    }
    const compatible = inputs.every(
      (s) => s.length === rank && s.every((d, i) => i === axis || d === first[i]),
    );
    if (!compatible) {
      throw new LayerShapeError('E_SHAPE_MISMATCH', 'shape.concatMismatch', {
        axis: p.axis,
        shapes: listShapes(inputs),
      });
    }
    return first.map((d, i) => (i === axis ? inputs.reduce((sum, s) => sum + (s[i] ?? 0), 0) : d));
  },
});
