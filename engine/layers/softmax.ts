// Softmax as a layer: exp(x) / sum(exp(x)) along one axis (Keras 3 `axis`, default -1, the last). Keras
// counts the batch as axis 0, so axis 1 is the first axis of a sample.
import { defineLayer } from '../define-layer';
import { channelsFirstOrder } from '../formats/onnx/onnx-context';
import { describeValue, field, UnsupportedConfig } from '../formats/tfjs/keras-config';
import { input } from '../formats/python/torch-layers';
import { LayerShapeError } from '../issues';
import { int } from '../params';
import { formatDims, type Shape } from '../shape';
import { singleInput } from './shape-rules';

/** The axis as an index into the sample's shape (no batch): -1 → rank - 1, 1 → 0. */
export function sampleAxis(shape: Shape, axis: number): number {
  return axis < 0 ? shape.length + axis : axis - 1;
}

export const Softmax = defineLayer({
  type: 'Softmax',
  appliedActivation: () => 'softmax',
  category: 'Activation',
  doc: 'Turns values into probabilities that sum to 1 along one axis (the last by default).',
  params: {
    axis: int(-1, 'Axis to normalize along; -1 is the last, 1 the first after the batch.', -4, 4),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const shape = singleInput(inputs);
    const axis = sampleAxis(shape, p.axis);
    if (p.axis === 0 || axis < 0 || axis >= shape.length)
      throw new LayerShapeError(
        'E_RANK',
        'shape.softmaxAxis',
        { axis: p.axis, rank: shape.length, shape: formatDims(shape) },
        'axis',
      );
    return shape;
  },
  formats: {
    keras: {
      className: 'Softmax',
      toKeras: (p) => ({ axis: p.axis }),
      fromKeras: (c) => {
        const axis = field(c, 'axis') ?? undefined;
        if (!Array.isArray(axis)) return axis === undefined ? {} : { axis };
        if (axis.length === 1) return { axis: axis[0] };
        throw new UnsupportedConfig(
          'axis',
          `axis ${describeValue(axis)} is not supported: Layerwise's Softmax normalizes along one axis`,
        );
      },
    },
    kerasScript: { className: 'Softmax' },
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const axis = sampleAxis(input(node), node.params.axis) + 1; // with the batch
      const onnxAxis = x.layout === 'channels_first' ? channelsFirstOrder(x.rank).indexOf(axis) : axis;
      return { ...x, name: ctx.op('Softmax', [x.name], node.name, { axis: { i: onnxAxis } }) };
    },
    torch: {
      forward: (node, [x = '']) => {
        const shape = input(node);
        const axis = sampleAxis(shape, node.params.axis);
        // PyTorch holds images NCHW: height → dim 2, width → 3, channels → 1.
        const dim = shape.length === 3 ? ([2, 3, 1][axis] ?? 1) : axis + 1;
        return `torch.softmax(${x}, dim=${dim})`;
      },
    },
    native: (node) => ({ axis: sampleAxis(input(node), node.params.axis) }),
  },
});
