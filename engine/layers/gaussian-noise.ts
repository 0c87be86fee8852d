// GaussianNoise: adds zero-mean normal noise while training (a regularizer, and a cheap augmentation of
// real-valued inputs); identity at inference. C++: worker-native/addon/ops/gaussian_noise.cc.
import { defineLayer } from '../define-layer';
import { onnxIdentity } from '../formats/onnx/onnx-identity';
import { copy, defined } from '../formats/tfjs/keras-config';
import { pyNumber } from '../formats/python/python-literal';
import { float } from '../params';
import { nativeSeed, seedParam } from './seed-param';
import { singleInput } from './shape-rules';

export const GaussianNoise = defineLayer({
  type: 'GaussianNoise',
  category: 'Regularization',
  doc: 'Adds random normal noise to every value while training, to reduce overfitting.',
  params: {
    stddev: float(0.1, 'Standard deviation of the noise added while training.', 0, 1000),
    seed: seedParam(),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'GaussianNoise',
      toKeras: (p) => ({ stddev: p.stddev, seed: p.seed }),
      fromKeras: (c) => defined(copy(c, ['stddev', 'seed'])),
    },
    kerasScript: { className: 'GaussianNoise', positional: ['stddev'] },
    onnx: onnxIdentity,
    torch: {
      // PyTorch has no noise layer: the same draw written out, only while the module trains.
      forward: (node, [x = '']) =>
        `(${x} + ${pyNumber(node.params.stddev)} * torch.randn_like(${x}) if self.training else ${x})`,
    },
    native: (node) => ({ stddev: node.params.stddev, ...nativeSeed(node.params.seed) }),
  },
});
