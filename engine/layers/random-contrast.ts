// RandomContrast: while training, scales each image channel's deviation from its mean by a random
// factor, (x - mean) * c + mean, clipped to value_range; identity at inference. Its home.
import { defineLayer } from '../define-layer';
import { factor, range, type Factor, type ParamsOf } from '../params';
import { pyNumber } from '../formats/python/python-literal';
import { imageShape, kerasCopy, onnxSkip, torchIdentity, torchUniform } from './augmentation';
import { nativeSeed, seedParam } from './seed-param';

const params = {
  factor: factor(
    0.2,
    'Contrast change: f picks the factor from [1 - f, 1 + f], [lower, upper] from [1 - lower, 1 + upper].',
    0,
    1,
  ),
  value_range: range([0, 255], 'The range outputs are clipped to.', -1e6, 1e6),
  seed: seedParam(),
};
type P = ParamsOf<typeof params>;

/**
 * The contrast factor's range: one number f is [1 - f, 1 + f] (Keras' documented meaning), a pair [a, b]
 * is [1 - a, 1 + b]. The pair must have a ≤ b (the factor param checks it): Keras versions differ on a
 * pair with a > b (Keras 2 takes it as given, Keras 3 sorts it), and agree otherwise.
 */
export const contrastRange = (f: Factor): [number, number] =>
  typeof f === 'number' ? [1 - f, 1 + f] : [1 - f[0], 1 + f[1]];

export const RandomContrast = defineLayer({
  type: 'RandomContrast',
  category: 'Augmentation',
  doc: 'While training, randomly changes the contrast of each image; passes images through unchanged at inference.',
  params,
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => imageShape(inputs, 'RandomContrast'),
  formats: {
    keras: kerasCopy<P>('RandomContrast', ['factor', 'value_range', 'seed']),
    kerasScript: { className: 'RandomContrast', positional: ['factor'] },
    onnx: onnxSkip,
    torch: {
      module: torchIdentity('RandomContrast: changes contrast only in net.train() mode'),
      // NCHW: the per-image, per-channel mean is over dims 2 and 3.
      forward: (node, [x = ''], self) => {
        const [low, high] = contrastRange(node.params.factor);
        const [min, max] = node.params.value_range;
        const mean = `${x}.mean((2, 3), keepdim=True)`;
        const scaled = `((${x} - ${mean}) * ${torchUniform(x, low, high)} + ${mean}).clamp(${pyNumber(min)}, ${pyNumber(max)})`;
        return `(${scaled} if ${self}.training else ${x})`;
      },
    },
    native: (node) => ({
      contrast_range: contrastRange(node.params.factor),
      value_range: node.params.value_range,
      ...nativeSeed(node.params.seed),
    }),
  },
});
