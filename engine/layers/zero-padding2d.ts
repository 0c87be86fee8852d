// ZeroPadding2D: a border of zeros around each image, ((top, bottom), (left, right)) rows and columns,
// as Keras 3 pads (channels_last only). No weights; the channels stay as they are.
import { defineLayer } from '../define-layer';
import type { OnnxValue } from '../formats/onnx/onnx-context';
import { field, requireChannelsLast } from '../formats/tfjs/keras-config';
import { pyTuple } from '../formats/python/python-literal';
import { sides } from '../params';
import { imageInput } from './shape-rules';

export const ZeroPadding2D = defineLayer({
  type: 'ZeroPadding2D',
  category: 'Convolution',
  doc: 'Adds rows and columns of zeros around each image, e.g. so a border is not lost to a convolution.',
  params: {
    padding: sides(
      [
        [1, 1],
        [1, 1],
      ],
      'Zeros added: n on every side, [height, width] on both sides of each, or [[top, bottom], [left, right]].',
    ),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const [h, w, c] = imageInput(inputs, 'ZeroPadding2D');
    const [[top, bottom], [left, right]] = p.padding;
    return [h + top + bottom, w + left + right, c];
  },
  formats: {
    keras: {
      className: 'ZeroPadding2D',
      toKeras: (p) => ({ padding: p.padding, data_format: 'channels_last' }),
      fromKeras: (c) => {
        requireChannelsLast(c);
        const padding = field(c, 'padding');
        return padding === undefined || padding === null ? {} : { padding };
      },
    },
    kerasScript: { className: 'ZeroPadding2D' },
    // Pad acts on whichever layout the value has: (N, H, W, C) or (N, C, H, W).
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const [[top, bottom], [left, right]] = node.params.padding;
      const pads =
        x.layout === 'channels_first'
          ? [0, 0, top, left, 0, 0, bottom, right]
          : [0, top, left, 0, 0, bottom, right, 0];
      const padsName = ctx.int64Constant(`${node.name}/pads`, pads);
      return { ...x, name: ctx.op('Pad', [x.name, padsName], node.name) } satisfies OnnxValue;
    },
    // F.pad lists the last axis first: (left, right, top, bottom) on NCHW.
    torch: {
      forward: (node, [x = '']) => {
        const [[top, bottom], [left, right]] = node.params.padding;
        return `F.pad(${x}, ${pyTuple([left, right, top, bottom])})`;
      },
    },
    native: (node) => ({ padding: node.params.padding.flat() }),
  },
});
