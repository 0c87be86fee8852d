// GlobalAveragePooling2D and GlobalMaxPooling2D: (height, width, channels) -> (channels).
import { defineLayer } from '../define-layer';
import { first } from '../formats/python/torch-layers';
import { requireChannelsLast, requireValue } from '../formats/tfjs/keras-config';
import { imageInput } from './shape-rules';

const REDUCTIONS = {
  GlobalAveragePooling2D: { onnx: 'Mean', torch: 'mean' },
  GlobalMaxPooling2D: { onnx: 'Max', torch: 'amax' },
} as const;

function defineGlobalPooling2D(type: keyof typeof REDUCTIONS, doc: string) {
  const reduction = REDUCTIONS[type];
  return defineLayer({
    type,
    category: 'Pooling',
    doc,
    params: {},
    inputs: { min: 1, max: 1 },
    outputShape: (inputs) => [imageInput(inputs, type)[2]],
    formats: {
      keras: {
        className: type,
        toKeras: () => ({ data_format: 'channels_last' }),
        fromKeras: (c) => {
          requireChannelsLast(c);
          requireValue(c, 'keepdims', [false], 'Layerwise global pooling drops the height and width axes');
          return {};
        },
      },
      kerasScript: { className: type },
      onnx: (ctx, node) => {
        const x = ctx.input(node);
        if (x.layout === 'channels_last') {
          const name = ctx.op(`Reduce${reduction.onnx}`, [x.name], node.name, {
            axes: { ints: [1, 2] },
            keepdims: { i: 0 },
          });
          return { name, layout: 'channels_last', rank: 2 };
        }
        const global = reduction.onnx === 'Mean' ? 'GlobalAveragePool' : 'GlobalMaxPool';
        const pooled = ctx.op(global, [x.name], `${node.name}/pool`);
        const name = ctx.op('Flatten', [pooled], node.name, { axis: { i: 1 } });
        return { name, layout: 'channels_last', rank: 2 };
      },
      torch: { forward: (_node, inputs) => `${first(inputs)}.${reduction.torch}(dim=(2, 3))` },
      native: () => ({}),
    },
  });
}

export const GlobalAveragePooling2D = defineGlobalPooling2D(
  'GlobalAveragePooling2D',
  'Averages each channel over the whole image: one value per channel.',
);
export const GlobalMaxPooling2D = defineGlobalPooling2D(
  'GlobalMaxPooling2D',
  'Takes the maximum of each channel over the whole image: one value per channel.',
);
