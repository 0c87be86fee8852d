// Flatten: any shape to one dimension, e.g. (5, 5, 64) -> (1600).
import { defineLayer } from '../define-layer';
import { requireChannelsLast } from '../formats/tfjs/keras-config';
import { input, isImage, toChannelsLast } from '../formats/python/torch-layers';
import { shapeSize } from '../shape';
import { singleInput } from './shape-rules';

export const Flatten = defineLayer({
  type: 'Flatten',
  category: 'Core',
  doc: 'Flattens its input into one long vector, e.g. before Dense layers.',
  params: {},
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => [shapeSize(singleInput(inputs))],
  formats: {
    keras: {
      className: 'Flatten',
      toKeras: () => ({ data_format: 'channels_last' }),
      fromKeras: (c) => (requireChannelsLast(c), {}),
    },
    kerasScript: { className: 'Flatten' },
    // Flatten in Keras' (channels-last) order, so the next Dense's kernel rows line up.
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_last');
      const name = ctx.op('Flatten', [x.name], node.name, { axis: { i: 1 } });
      return { name, layout: 'channels_last', rank: 2 };
    },
    torch: {
      // Keras flattens channels-last: permute back first so the next Dense kernel stays valid.
      forward: (node, [x = '']) =>
        isImage(input(node)) ? `torch.flatten(${toChannelsLast(x)}, 1)` : `torch.flatten(${x}, 1)`,
    },
    native: () => ({}),
    memory: { view: true },
  },
});
