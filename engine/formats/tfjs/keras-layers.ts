// Every layer type as Keras writes it: class name, config from our params and our params from a config.
// TF.js export and import and the Keras script generator share this one table; params are Keras config
// keys already, so most entries copy values and add the settings Keras expects spelled out.
import type { PlanNode } from '../../compile';
import type { ResolvedParams } from '../../define-layer';
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
  type KerasConfig,
} from './keras-config';

export interface KerasLayerMapping {
  readonly className: string;
  /** The Keras config for our resolved params, without name, trainable and dtype. */
  toKeras(params: ResolvedParams): Record<string, unknown>;
  /**
   * Our raw params from a Keras config; the registry checks their values when the graph compiles.
   * Throws UnsupportedConfig for settings Layerwise cannot compute.
   */
  fromKeras(config: KerasConfig): Record<string, unknown>;
  /** A config field naming an axis that must be the input's last one (BatchNormalization's axis). */
  readonly lastAxisField?: string;
}

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

export const KERAS_LAYERS: Readonly<Record<string, KerasLayerMapping>> = {
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
  Dense: {
    className: 'Dense',
    toKeras: (p) => ({ units: p.units, ...weighted(p) }),
    fromKeras: (c) => {
      requireValue(c, 'lora_rank', [], 'Layerwise has no LoRA');
      return defined({ units: field(c, 'units'), ...weightedFrom(c) });
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

/** A plan node as a Keras layer: `{className, config}` with the config's name, trainable and dtype. */
export function kerasLayerConfig(node: PlanNode): { className: string; config: Record<string, unknown> } {
  const mapping = KERAS_LAYERS[node.type];
  if (mapping === undefined) throw new Error(`no Keras mapping for layer type ${node.type}`);
  const common = node.type === 'InputLayer' ? {} : { trainable: true, dtype: 'float32' };
  return {
    className: mapping.className,
    config: { name: node.name, ...common, ...mapping.toKeras(node.params) },
  };
}
