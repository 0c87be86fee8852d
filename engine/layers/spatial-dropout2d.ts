// SpatialDropout2D: Dropout for feature maps. While training it drops whole channels of each sample
// (neighbouring pixels are correlated, so dropping single values would barely regularize) and scales
// the kept ones by 1 / (1 - rate); identity at inference. C++: worker-native/addon/ops/spatial_dropout2d.cc.
import { defineLayer } from '../define-layer';
import { onnxIdentity } from '../formats/onnx/onnx-identity';
import { copy, defined, requireChannelsLast } from '../formats/tfjs/keras-config';
import { pyNumber } from '../formats/python/python-literal';
import { float } from '../params';
import { nativeSeed, seedParam } from './seed-param';
import { imageInput } from './shape-rules';

export const SpatialDropout2D = defineLayer({
  type: 'SpatialDropout2D',
  category: 'Regularization',
  doc: 'Randomly drops whole channels of an image while training (Dropout for feature maps).',
  params: {
    rate: float(0.5, 'Fraction of channels dropped while training.', 0, 1, true),
    seed: seedParam(),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => [...imageInput(inputs, 'SpatialDropout2D')],
  formats: {
    keras: {
      className: 'SpatialDropout2D',
      toKeras: (p) => ({ rate: p.rate, data_format: 'channels_last', seed: p.seed }),
      fromKeras: (c) => (requireChannelsLast(c), defined(copy(c, ['rate', 'seed']))),
    },
    kerasScript: { className: 'SpatialDropout2D', positional: ['rate'] },
    onnx: onnxIdentity,
    torch: {
      // Inside the module images are NCHW, and Dropout2d zeroes whole channels (dim 1), as Keras does.
      module: (node) => `nn.Dropout2d(p=${pyNumber(node.params.rate)})`,
      setup: () => ['# SpatialDropout2D = nn.Dropout2d: drops whole NCHW channels while training'],
      forward: (_node, [x = ''], self) => `${self}(${x})`,
    },
    native: (node) => ({ rate: node.params.rate, ...nativeSeed(node.params.seed) }),
  },
});
