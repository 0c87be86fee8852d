// MaxPooling2D and AveragePooling2D: the same window arithmetic, a different reduction.
import { defineLayer } from '../define-layer';
import type { OnnxAttribute } from '../formats/onnx/onnx-proto';
import { image, windowPads } from '../formats/onnx/onnx-windows';
import { pyTuple } from '../formats/python/python-literal';
import { windowPadding } from '../formats/python/same-padding';
import { copy, defined, requireChannelsLast } from '../formats/tfjs/keras-config';
import { choice, optionalPair, pair } from '../params';
import { imageInput, windowedImage } from './shape-rules';

const REDUCTIONS = {
  MaxPooling2D: { onnx: 'MaxPool', torch: 'Max' },
  AveragePooling2D: { onnx: 'AveragePool', torch: 'Avg' },
} as const;

function definePooling2D(type: keyof typeof REDUCTIONS, doc: string) {
  const reduction = REDUCTIONS[type];
  return defineLayer({
    type,
    category: 'Pooling',
    doc,
    params: {
      pool_size: pair([2, 2], 'Height and width of the pooling window.'),
      strides: optionalPair('Step of the window; empty (null) means the pool size.'),
      padding: choice(
        ['valid', 'same'],
        'valid',
        "'valid': no padding; 'same': pad so output = ceil(input / stride).",
      ),
    },
    inputs: { min: 1, max: 1 },
    outputShape: (inputs, p) => {
      const input = imageInput(inputs, type);
      const size = windowedImage(type, input, p.pool_size, p.strides ?? p.pool_size, p.padding, 'pool_size');
      return [...size, input[2]];
    },
    formats: {
      keras: {
        className: type,
        toKeras: (p) => ({
          pool_size: p.pool_size,
          strides: p.strides,
          padding: p.padding,
          data_format: 'channels_last',
        }),
        fromKeras: (c) => (requireChannelsLast(c), defined(copy(c, ['pool_size', 'strides', 'padding']))),
      },
      kerasScript: { className: type, positional: ['pool_size'] },
      // ONNX pools run channels-first.
      onnx: (ctx, node) => {
        const { pool_size: pool, padding } = node.params;
        const strides = node.params.strides ?? pool;
        const x = ctx.inputIn(node, 'channels_first');
        const pads = windowPads(image(node), pool, strides, padding);
        // Keras' 'same' average pooling divides by the real cells only: count_include_pad = 0.
        const extra: Record<string, OnnxAttribute> =
          reduction.onnx === 'AveragePool' ? { count_include_pad: { i: 0 } } : {};
        const attributes = {
          kernel_shape: { ints: pool },
          strides: { ints: strides },
          pads: { ints: pads },
          ...extra,
        };
        return { ...x, name: ctx.op(reduction.onnx, [x.name], node.name, attributes) };
      },
      torch: {
        module: ({ params: p }) => {
          const strides = p.strides ?? p.pool_size;
          const stride = strides.join() === p.pool_size.join() ? '' : `, stride=${pyTuple(strides)}`;
          return `nn.${reduction.torch}Pool2d(kernel_size=${pyTuple(p.pool_size)}${stride})`;
        },
        forward: (node, [x = ''], self) => {
          const { pool_size: pool } = node.params;
          const { pads, any } = windowPadding(node, pool, node.params.strides ?? pool);
          if (!any) return `${self}(${x})`;
          // TF excludes padded cells: max pads with -inf, average divides by the count of real cells.
          if (reduction.torch === 'Max') return `${self}(F.pad(${x}, ${pyTuple(pads)}, value=float('-inf')))`;
          return `average_pool_same(${self}, ${x}, ${pyTuple(pads)})`;
        },
      },
      native: ({ params: p }) => ({
        pool_size: p.pool_size,
        strides: p.strides ?? p.pool_size,
        padding: p.padding,
      }),
    },
  });
}

export const MaxPooling2D = definePooling2D(
  'MaxPooling2D',
  'Keeps the largest value in each window, shrinking the image.',
);
export const AveragePooling2D = definePooling2D(
  'AveragePooling2D',
  'Averages each window, shrinking the image.',
);
