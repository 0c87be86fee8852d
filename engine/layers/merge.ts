// Add and Concatenate: the layers that join branches of a graph.
import { defineLayer } from '../define-layer';
import { channelsFirstOrder, type OnnxValue } from '../formats/onnx/onnx-context';
import { sameLayoutInputs } from '../formats/onnx/onnx-layers';
import { input } from '../formats/python/torch-layers';
import { copy, defined } from '../formats/tfjs/keras-config';
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
  formats: {
    keras: { className: 'Add', toKeras: () => ({}), fromKeras: () => ({}) },
    kerasScript: { className: 'Add' },
    onnx: (ctx, node) => {
      const inputs = sameLayoutInputs(ctx, node);
      const names = inputs.map((v) => v.name);
      const name = ctx.op(names.length === 2 ? 'Add' : 'Sum', names, node.name);
      return { ...(inputs[0] as OnnxValue), name };
    },
    torch: { forward: (_node, inputs) => inputs.join(' + ') },
    native: () => ({}),
  },
});

/** Concatenate's axis as an index into the shape without the batch (Keras counts the batch as 0). */
const axisIndex = (axis: number, rank: number) => (axis < 0 ? rank + axis : axis - 1);

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
    const axis = axisIndex(p.axis, rank);
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
  formats: {
    keras: {
      className: 'Concatenate',
      toKeras: (p) => ({ axis: p.axis }),
      fromKeras: (c) => defined(copy(c, ['axis'])),
    },
    kerasScript: { className: 'Concatenate' },
    onnx: (ctx, node) => {
      const inputs = sameLayoutInputs(ctx, node);
      const first = inputs[0] as OnnxValue;
      const axis = axisIndex(node.params.axis, first.rank - 1) + 1; // with the batch as axis 0
      const onnxAxis =
        first.layout === 'channels_first' ? channelsFirstOrder(first.rank).indexOf(axis) : axis;
      const names = inputs.map((v) => v.name);
      return { ...first, name: ctx.op('Concat', names, node.name, { axis: { i: onnxAxis } }) };
    },
    torch: {
      // The torch dim of the Keras axis: for NCHW images H → 2, W → 3, channels → 1.
      forward: (node, inputs) => {
        const rank = input(node).length;
        const index = axisIndex(node.params.axis, rank);
        const dim = rank === 3 ? ([2, 3, 1][index] ?? 1) : index + 1;
        return `torch.cat([${inputs.join(', ')}], dim=${dim})`;
      },
    },
    native: (node) => ({ axis: axisIndex(node.params.axis, node.inputShapes[0]?.length ?? 0) }),
  },
});
