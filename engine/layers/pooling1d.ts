// MaxPooling1D and AveragePooling1D: a window sliding along the steps of a (steps, channels) sequence,
// keeping the largest value or the mean of each channel. Like Keras, padded cells never count: max ignores
// them and the average divides by the real cells only.
import { defineLayer } from '../define-layer';
import type { OnnxAttribute } from '../formats/onnx/onnx-proto';
import { input } from '../formats/python/torch-layers';
import { pyTuple } from '../formats/python/python-literal';
import { copy, defined, requireChannelsLast } from '../formats/tfjs/keras-config';
import { choice } from '../params';
import { length, optionalLength, sequenceInput, stepPads, windowedSteps } from './sequence-rules';

function definePooling1D(type: 'MaxPooling1D' | 'AveragePooling1D', doc: string) {
  const max = type === 'MaxPooling1D';
  return defineLayer({
    type,
    category: 'Pooling',
    doc,
    params: {
      pool_size: length(2, 'Length of the pooling window along the steps.'),
      strides: optionalLength('Step of the window; empty (null) means the pool size.'),
      padding: choice(
        ['valid', 'same'],
        'valid',
        "'valid': no padding; 'same': pad so output = ceil(steps / stride).",
      ),
    },
    inputs: { min: 1, max: 1 },
    outputShape: (inputs, p) => {
      const [steps, channels] = sequenceInput(inputs, type);
      return [
        windowedSteps(type, steps, p.pool_size, p.strides ?? p.pool_size, p.padding, 'pool_size'),
        channels,
      ];
    },
    formats: {
      keras: {
        className: type,
        toKeras: (p) => ({
          pool_size: [p.pool_size],
          strides: p.strides === null ? null : [p.strides],
          padding: p.padding,
          data_format: 'channels_last',
        }),
        fromKeras: (c) => (requireChannelsLast(c), defined(copy(c, ['pool_size', 'strides', 'padding']))),
      },
      kerasScript: { className: type, positional: ['pool_size'] },
      onnx: (ctx, node) => {
        const x = ctx.inputIn(node, 'channels_first');
        const { pool_size: pool, padding } = node.params;
        const stride = node.params.strides ?? pool;
        // Keras' 'same' average pooling divides by the real cells only: count_include_pad = 0.
        const attributes: Record<string, OnnxAttribute> = {
          kernel_shape: { ints: [pool] },
          strides: { ints: [stride] },
          pads: { ints: stepPads(input(node), pool, stride, padding) },
          ...(max ? {} : { count_include_pad: { i: 0 } }),
        };
        return { ...x, name: ctx.op(max ? 'MaxPool' : 'AveragePool', [x.name], node.name, attributes) };
      },
      torch: {
        module: (node) => {
          const { pool_size: pool, strides } = node.params;
          const stride = strides === null || strides === pool ? '' : `, stride=${strides}`;
          return `nn.${max ? 'Max' : 'Avg'}Pool1d(kernel_size=${pool}${stride})`;
        },
        // Sequences stay (N, steps, channels) between layers; the pools read (N, channels, steps).
        forward: (node, [x = ''], self) => {
          const { pool_size: pool, strides, padding } = node.params;
          const pads = stepPads(input(node), pool, strides ?? pool, padding);
          const channelsFirst = `${x}.transpose(1, 2)`;
          const pooled =
            pads[0] + pads[1] === 0
              ? `${self}(${channelsFirst})`
              : max
                ? `${self}(F.pad(${channelsFirst}, ${pyTuple(pads)}, value=float('-inf')))`
                : `average_pool_same(${self}, ${channelsFirst}, ${pyTuple(pads)})`;
          return `${pooled}.transpose(1, 2)`;
        },
      },
      native: (node) => ({
        pool_size: node.params.pool_size,
        strides: node.params.strides ?? node.params.pool_size,
        padding: node.params.padding,
      }),
    },
  });
}

export const MaxPooling1D = definePooling1D(
  'MaxPooling1D',
  'Keeps the largest value in each window along the steps, shortening the sequence.',
);
export const AveragePooling1D = definePooling1D(
  'AveragePooling1D',
  'Averages each window along the steps, shortening the sequence.',
);
