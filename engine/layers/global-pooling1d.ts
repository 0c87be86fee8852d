// GlobalAveragePooling1D and GlobalMaxPooling1D: (steps, channels) -> (channels), the mean or the maximum
// of each channel over all steps. Keras' keepdims=True (a (1, channels) output) is not offered.
import { defineLayer } from '../define-layer';
import { requireChannelsLast, requireValue } from '../formats/tfjs/keras-config';
import { sequenceInput } from './sequence-rules';

function defineGlobalPooling1D(type: 'GlobalAveragePooling1D' | 'GlobalMaxPooling1D', doc: string) {
  const reduce = type === 'GlobalAveragePooling1D' ? 'Mean' : 'Max';
  return defineLayer({
    type,
    category: 'Pooling',
    doc,
    params: {},
    inputs: { min: 1, max: 1 },
    outputShape: (inputs) => [sequenceInput(inputs, type)[1]],
    formats: {
      keras: {
        className: type,
        toKeras: () => ({ data_format: 'channels_last', keepdims: false }),
        fromKeras: (c) => {
          requireChannelsLast(c);
          requireValue(c, 'keepdims', [false], 'Layerwise global pooling drops the steps axis');
          return {};
        },
      },
      kerasScript: { className: type },
      onnx: (ctx, node) => {
        const x = ctx.input(node);
        // The steps axis: 1 in (N, steps, channels), 2 in (N, channels, steps).
        const axis = x.layout === 'channels_last' ? 1 : 2;
        const name = ctx.op(`Reduce${reduce}`, [x.name], node.name, {
          axes: { ints: [axis] },
          keepdims: { i: 0 },
        });
        return { name, layout: 'channels_last', rank: 2 };
      },
      torch: {
        forward: (_node, [x = '']) => (reduce === 'Mean' ? `${x}.mean(dim=1)` : `${x}.amax(dim=1)`),
      },
      native: () => ({}),
    },
  });
}

export const GlobalAveragePooling1D = defineGlobalPooling1D(
  'GlobalAveragePooling1D',
  'Averages each channel over all steps of a sequence: one value per channel.',
);
export const GlobalMaxPooling1D = defineGlobalPooling1D(
  'GlobalMaxPooling1D',
  'Takes the maximum of each channel over all steps of a sequence: one value per channel.',
);
