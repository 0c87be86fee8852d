// Cropping2D: removes ((top, bottom), (left, right)) rows and columns from the edges of each image, as
// Keras 3 crops (channels_last only). No weights; the channels stay as they are.
import { LayerShapeError } from '../issues';
import { defineLayer } from '../define-layer';
import type { OnnxValue } from '../formats/onnx/onnx-context';
import { field, requireChannelsLast } from '../formats/tfjs/keras-config';
import { sides } from '../params';
import { imageInput } from './shape-rules';

export const Cropping2D = defineLayer({
  type: 'Cropping2D',
  category: 'Convolution',
  doc: 'Cuts rows and columns off the edges of each image.',
  params: {
    cropping: sides(
      [
        [0, 0],
        [0, 0],
      ],
      'Rows and columns removed: n from every side, [height, width] from both sides of each, or [[top, bottom], [left, right]].',
    ),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const [h, w, c] = imageInput(inputs, 'Cropping2D');
    const [[top, bottom], [left, right]] = p.cropping;
    const [outH, outW] = [h - top - bottom, w - left - right];
    if (outH < 1 || outW < 1)
      throw new LayerShapeError(
        'E_NON_POSITIVE_SHAPE',
        'shape.cropTooLarge',
        { rows: top + bottom, columns: left + right, size: `${h}x${w}` },
        'cropping',
      );
    return [outH, outW, c];
  },
  formats: {
    keras: {
      className: 'Cropping2D',
      toKeras: (p) => ({ cropping: p.cropping, data_format: 'channels_last' }),
      fromKeras: (c) => {
        requireChannelsLast(c);
        const cropping = field(c, 'cropping');
        return cropping === undefined || cropping === null ? {} : { cropping };
      },
    },
    kerasScript: { className: 'Cropping2D' },
    // Slice acts on whichever layout the value has: height and width are axes 1, 2 or 2, 3.
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const [h = 0, w = 0] = node.inputShapes[0] ?? [];
      const [[top, bottom], [left, right]] = node.params.cropping;
      const axes = x.layout === 'channels_first' ? [2, 3] : [1, 2];
      const inputs = [
        x.name,
        ctx.int64Constant(`${node.name}/starts`, [top, left]),
        ctx.int64Constant(`${node.name}/ends`, [h - bottom, w - right]),
        ctx.int64Constant(`${node.name}/axes`, axes),
      ];
      return { ...x, name: ctx.op('Slice', inputs, node.name) } satisfies OnnxValue;
    },
    torch: {
      forward: (node, [x = '']) => {
        const [h = 0, w = 0] = node.inputShapes[0] ?? [];
        const [[top, bottom], [left, right]] = node.params.cropping;
        return `${x}[:, :, ${top}:${h - bottom}, ${left}:${w - right}]`;
      },
    },
    native: (node) => ({ cropping: node.params.cropping.flat() }),
  },
});
