// BatchNormalization over the last axis (channels): gamma/beta are learned, the moving statistics are
// updated while training and used at inference (non-trainable), as in Keras.
import { defineLayer } from '../define-layer';
import { bool, float } from '../params';
import { singleInput } from './shape-rules';

export const BatchNormalization = defineLayer({
  type: 'BatchNormalization',
  category: 'Normalization',
  doc: 'Normalises each channel to zero mean and unit variance, then scales and shifts it.',
  params: {
    momentum: float(0.99, 'Momentum of the moving mean and variance.', 0, 1),
    epsilon: float(0.001, 'Added to the variance to avoid dividing by zero.', 1e-12, 1),
    center: bool(true, 'Learn an offset (beta).'),
    scale: bool(true, 'Learn a scale (gamma).'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  weights: (inputs, p) => {
    const channels = [singleInput(inputs).at(-1) ?? 0];
    return [
      ...(p.scale ? [{ name: 'gamma', shape: channels, trainable: true, initializer: 'ones' as const }] : []),
      ...(p.center
        ? [{ name: 'beta', shape: channels, trainable: true, initializer: 'zeros' as const }]
        : []),
      { name: 'moving_mean', shape: channels, trainable: false, initializer: 'zeros' },
      { name: 'moving_variance', shape: channels, trainable: false, initializer: 'ones' },
    ];
  },
});
