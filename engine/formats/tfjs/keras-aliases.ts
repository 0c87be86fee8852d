// Keras layer classes that are one of our activations under another name (LeakyReLU, ReLU, Softmax, ELU):
// import reads them as Activation layers when their settings match ours.
import { describeValue, field, requireValue, UnsupportedConfig, type KerasConfig } from './keras-config';

/** keras.activations.leaky_relu's default slope, which our leaky_relu uses. */
export const LEAKY_RELU_SLOPE = 0.2;

export interface KerasAlias {
  /** Our layer type the class becomes. */
  readonly type: 'Activation';
  fromKeras(config: KerasConfig): Record<string, unknown>;
}

function leakyReluFromKeras(config: KerasConfig): Record<string, unknown> {
  // tfjs and Keras 2 call the slope alpha, Keras 3 negative_slope; both default to 0.3.
  const slope = field(config, 'negative_slope') ?? field(config, 'alpha') ?? 0.3;
  if (typeof slope !== 'number' || Math.abs(slope - LEAKY_RELU_SLOPE) > 1e-6) {
    const key = field(config, 'negative_slope') === undefined ? 'alpha' : 'negative_slope';
    throw new UnsupportedConfig(
      key,
      `LeakyReLU with slope ${describeValue(slope)} is not supported: Layerwise's leaky_relu has slope ${LEAKY_RELU_SLOPE}`,
    );
  }
  return { activation: 'leaky_relu' };
}

export const KERAS_ALIASES: Readonly<Record<string, KerasAlias>> = {
  LeakyReLU: { type: 'Activation', fromKeras: leakyReluFromKeras },
  ReLU: {
    type: 'Activation',
    fromKeras: (c) => {
      requireValue(c, 'max_value', [], 'Layerwise relu is not capped');
      requireValue(c, 'negative_slope', [0], 'use LeakyReLU with slope 0.2');
      requireValue(c, 'threshold', [0], 'Layerwise relu cuts at 0');
      return { activation: 'relu' };
    },
  },
  Softmax: {
    type: 'Activation',
    fromKeras: (c) => {
      requireValue(c, 'axis', [-1, [-1]], 'Layerwise softmax runs over the last axis');
      return { activation: 'softmax' };
    },
  },
  ELU: {
    type: 'Activation',
    fromKeras: (c) => {
      requireValue(c, 'alpha', [1], 'Layerwise elu has alpha 1');
      return { activation: 'elu' };
    },
  },
};
