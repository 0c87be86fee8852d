// The Keras mappings of the layers that have no home yet (transitional: each moves into its
// engine/layers/<layer>.ts, and this file goes when the last one has).
import {
  activationFromKeras,
  copy,
  defined,
  initializerToKeras,
  requireChannelsLast,
  requireValue,
  weighted,
  weightedFrom,
  field,
} from './keras-config';
import type { KerasLayerMapping } from './keras-layers';

const pooling = (className: string): KerasLayerMapping => ({
  className,
  toKeras: (p) => ({
    pool_size: p.pool_size,
    strides: p.strides,
    padding: p.padding,
    data_format: 'channels_last',
  }),
  fromKeras: (c) => (requireChannelsLast(c), defined(copy(c, ['pool_size', 'strides', 'padding']))),
});

const globalPooling = (className: string): KerasLayerMapping => ({
  className,
  toKeras: () => ({ data_format: 'channels_last' }),
  fromKeras: (c) => {
    requireChannelsLast(c);
    requireValue(c, 'keepdims', [false], 'Layerwise global pooling drops the height and width axes');
    return {};
  },
});

export const LEGACY_KERAS_LAYERS: Readonly<Record<string, KerasLayerMapping>> = {
  InputLayer: {
    className: 'InputLayer',
    // batch_input_shape is what tfjs reads; Keras 3 still takes it (as batch_shape).
    toKeras: (p) => ({
      batch_input_shape: [null, ...(p.shape as number[])],
      dtype: 'float32',
      sparse: false,
    }),
    fromKeras: (c) => {
      const batched = field(c, 'batch_shape') ?? field(c, 'batch_input_shape');
      const shape = Array.isArray(batched)
        ? batched.slice(1)
        : (field(c, 'shape') ?? field(c, 'input_shape'));
      return defined({ shape });
    },
  },
  Flatten: {
    className: 'Flatten',
    toKeras: () => ({ data_format: 'channels_last' }),
    fromKeras: (c) => (requireChannelsLast(c), {}),
  },
  Reshape: {
    className: 'Reshape',
    toKeras: (p) => ({ target_shape: p.target_shape }),
    fromKeras: (c) => defined(copy(c, ['target_shape'])),
  },
  Conv2D: {
    className: 'Conv2D',
    toKeras: (p) => ({
      filters: p.filters,
      kernel_size: p.kernel_size,
      strides: p.strides,
      padding: p.padding,
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      ...weighted(p),
    }),
    fromKeras: (c) => {
      requireChannelsLast(c);
      requireValue(c, 'dilation_rate', [1, [1, 1]], 'Layerwise convolutions are not dilated');
      requireValue(c, 'groups', [1], 'Layerwise convolutions are not grouped');
      return defined({ ...copy(c, ['filters', 'kernel_size', 'strides', 'padding']), ...weightedFrom(c) });
    },
  },
  MaxPooling2D: pooling('MaxPooling2D'),
  AveragePooling2D: pooling('AveragePooling2D'),
  GlobalAveragePooling2D: globalPooling('GlobalAveragePooling2D'),
  GlobalMaxPooling2D: globalPooling('GlobalMaxPooling2D'),
  BatchNormalization: {
    className: 'BatchNormalization',
    toKeras: (p) => ({
      axis: -1,
      ...copy(p, ['momentum', 'epsilon', 'center', 'scale']),
      beta_initializer: initializerToKeras('zeros'),
      gamma_initializer: initializerToKeras('ones'),
      moving_mean_initializer: initializerToKeras('zeros'),
      moving_variance_initializer: initializerToKeras('ones'),
      beta_regularizer: null,
      gamma_regularizer: null,
      beta_constraint: null,
      gamma_constraint: null,
    }),
    fromKeras: (c) => {
      requireValue(c, 'renorm', [false], 'Layerwise has no batch renormalization');
      requireValue(c, 'virtual_batch_size', [], 'Layerwise has no ghost batch normalization');
      return defined(copy(c, ['momentum', 'epsilon', 'center', 'scale']));
    },
    lastAxisField: 'axis',
  },
  Dropout: {
    className: 'Dropout',
    toKeras: (p) => ({ rate: p.rate, noise_shape: null, seed: null }),
    fromKeras: (c) => {
      requireValue(c, 'noise_shape', [], 'Layerwise drops single values');
      return defined(copy(c, ['rate']));
    },
  },
  Add: { className: 'Add', toKeras: () => ({}), fromKeras: () => ({}) },
  Concatenate: {
    className: 'Concatenate',
    toKeras: (p) => ({ axis: p.axis }),
    fromKeras: (c) => defined(copy(c, ['axis'])),
  },
  Activation: {
    className: 'Activation',
    toKeras: (p) => ({ activation: p.activation }),
    fromKeras: (c) => defined({ activation: activationFromKeras(field(c, 'activation')) }),
  },
};
