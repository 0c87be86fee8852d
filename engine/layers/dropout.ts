// Dropout: zeroes a random fraction of values while training (scaling the rest), identity at inference.
import { defineLayer } from '../define-layer';
import { first } from '../formats/python/torch-layers';
import { pyNumber } from '../formats/python/python-literal';
import { copy, defined, requireValue } from '../formats/tfjs/keras-config';
import { float } from '../params';
import { singleInput } from './shape-rules';

export const Dropout = defineLayer({
  type: 'Dropout',
  category: 'Regularization',
  doc: 'Randomly drops a fraction of values while training to reduce overfitting.',
  params: {
    rate: float(0.5, 'Fraction of values dropped while training.', 0, 1, true),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'Dropout',
      toKeras: (p) => ({ rate: p.rate, noise_shape: null, seed: null }),
      fromKeras: (c) => {
        requireValue(c, 'noise_shape', [], 'Layerwise drops single values');
        return defined(copy(c, ['rate']));
      },
    },
    kerasScript: { className: 'Dropout', positional: ['rate'] },
    // Dropout does nothing at inference; an Identity keeps the layer visible in Netron.
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      return { ...x, name: ctx.op('Identity', [x.name], node.name) };
    },
    torch: {
      module: (node) => `nn.Dropout(p=${pyNumber(node.params.rate)})`,
      forward: (_node, inputs, self) => `${self}(${first(inputs)})`,
    },
    native: ({ params: p }) => ({ rate: p.rate }),
  },
});
