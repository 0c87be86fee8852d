// Reshape: same values, new shape; one dimension may be -1 and is then inferred, as in Keras.
import { defineLayer } from '../define-layer';
import { copy, defined } from '../formats/tfjs/keras-config';
import { input, isImage, toChannelsFirst, toChannelsLast } from '../formats/python/torch-layers';
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
  formats: {
    keras: {
      className: 'Reshape',
      // tfjs 4.22 leaves a -1 unresolved (its batch dimension counts as unknown) and the layers after it
      // then fail to build: an exported graph writes the size the -1 stands for.
      toKeras: (p, node) => ({ target_shape: node ? [...node.outputShape] : p.target_shape }),
      fromKeras: (c) => defined(copy(c, ['target_shape'])),
    },
    kerasScript: { className: 'Reshape', positional: ['target_shape'] },
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_last');
      // 0 copies the batch dimension; the rest is the resolved target shape (no -1 left).
      const shape = ctx.int64Constant(`${node.name}/shape`, [0, ...node.outputShape]);
      const name = ctx.op('Reshape', [x.name, shape], node.name);
      return { name, layout: 'channels_last', rank: node.outputShape.length + 1 };
    },
    torch: {
      forward: (node, [x = '']) => {
        const flat = isImage(input(node)) ? toChannelsLast(x) : x;
        const reshaped = `${flat}.reshape(${['-1', ...node.outputShape.map(String)].join(', ')})`;
        return isImage(node.outputShape) ? toChannelsFirst(reshaped) : reshaped;
      },
    },
    native: () => ({}),
    memory: { view: true },
  },
});
