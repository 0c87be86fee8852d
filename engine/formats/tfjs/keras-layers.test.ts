// The Keras layer table: every layer type has a mapping, config → params gives the params back, and
// Keras' spellings of activations, initializers and activation layers' settings read as ours or as a clear refusal.
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { LAYER_DEFINITIONS } from '../../layers';
import { getLayer, resolveParams } from '../../registry';
import { chain } from '../../testing/graphs';
import { activationFromKeras, initializerFromKeras, initializerToKeras } from './keras-config';
import { KERAS_LAYERS } from '../layer-tables';
import { kerasLayerConfig } from './keras-layers';
import { INITIALIZERS } from '../../params';

/** Params that differ from every default, per type (types without params use {}). */
const VARIED: Record<string, Record<string, unknown>> = {
  InputLayer: { shape: [12, 10, 3] },
  Dense: {
    units: 7,
    activation: 'gelu',
    use_bias: false,
    kernel_initializer: 'he_uniform',
    bias_initializer: 'ones',
  },
  Reshape: { target_shape: [-1, 5] },
  Conv2D: {
    filters: 3,
    kernel_size: [3, 2],
    strides: [2, 1],
    padding: 'same',
    activation: 'leaky_relu',
    use_bias: false,
    kernel_initializer: 'lecun_normal',
    bias_initializer: 'zeros',
  },
  MaxPooling2D: { pool_size: [3, 2], strides: [1, 2], padding: 'same' },
  AveragePooling2D: { pool_size: 3, strides: null },
  BatchNormalization: { momentum: 0.9, epsilon: 0.01, center: false, scale: false },
  Dropout: { rate: 0.25 },
  Concatenate: { axis: 1 },
  Activation: { activation: 'swish' },
};

const resolved = (type: string, raw: Record<string, unknown>) => {
  const result = resolveParams(getLayer(type)!, raw, 'n');
  expect(result.issues).toEqual([]);
  return result.params;
};

describe('Keras layer table', () => {
  it('maps every layer type of the registry', () => {
    expect(Object.keys(KERAS_LAYERS).sort()).toEqual(LAYER_DEFINITIONS.map((d) => d.type).sort());
  });

  it.each(LAYER_DEFINITIONS.map((d) => d.type))('%s: Keras config → params gives the params back', (type) => {
    const mapping = KERAS_LAYERS[type]!;
    for (const raw of [{}, VARIED[type] ?? {}]) {
      const params = resolved(type, raw)!;
      expect(resolved(type, mapping.fromKeras(mapping.toKeras(params)))).toEqual(params);
    }
  });

  it('kerasLayerConfig writes the name, trainable, dtype and Keras initializer objects', () => {
    const compiled = compileGraph(
      chain([6, 6, 1], ['Conv2D', { filters: 2, kernel_initializer: 'he_normal' }]),
    );
    if (!compiled.ok) throw new Error('compile');
    const [input, conv] = compiled.plan.nodes;
    expect(kerasLayerConfig(input!)).toEqual({
      className: 'InputLayer',
      config: { name: 'input_layer', batch_input_shape: [null, 6, 6, 1], dtype: 'float32', sparse: false },
    });
    expect(kerasLayerConfig(conv!)).toMatchObject({
      className: 'Conv2D',
      config: {
        name: 'conv2d',
        trainable: true,
        dtype: 'float32',
        filters: 2,
        kernel_size: [3, 3],
        data_format: 'channels_last',
        kernel_initializer: { class_name: 'HeNormal', config: { seed: null } },
        bias_initializer: { class_name: 'Zeros', config: {} },
      },
    });
  });

  it.each([
    ['glorot_uniform', 'glorot_uniform'],
    ['glorot_uniform', { class_name: 'GlorotUniform', config: { seed: null } }],
    ['lecun_normal', { class_name: 'LeCunNormal', config: {} }],
    ['lecun_normal', { class_name: 'LecunNormal', config: {} }],
    // tfjs saves its initializers as VarianceScaling with distribution 'normal'.
    [
      'glorot_normal',
      { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal' } },
    ],
    [
      'he_uniform',
      { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform' } },
    ],
    [undefined, { class_name: 'RandomNormal', config: { stddev: 0.05 } }],
    [undefined, { class_name: 'VarianceScaling', config: { scale: 3, mode: 'fan_out' } }],
    [undefined, 42],
  ])('initializer %s from %j', (ours, keras) => {
    expect(initializerFromKeras(keras)).toBe(ours);
  });

  it('writes every initializer so that it reads back', () => {
    for (const name of INITIALIZERS) expect(initializerFromKeras(initializerToKeras(name))).toBe(name);
  });

  it.each([
    ['relu', 'relu'],
    ['silu', 'swish'],
    [null, undefined],
    ['relu6', /activation "relu6" is not supported: Layerwise has linear, relu/],
    [{ class_name: 'Custom' }, /activation \{"class_name":"Custom"\} is not supported/],
  ])('activation %j', (keras, expected) => {
    if (expected instanceof RegExp) expect(() => activationFromKeras(keras)).toThrow(expected);
    else expect(activationFromKeras(keras)).toBe(expected);
  });

  // The activation layers are layers of their own, with any settings (engine/layers/relu.ts, ...).
  it.each([
    ['LeakyReLU', { alpha: 0.2 }, { negative_slope: 0.2 }],
    ['LeakyReLU', { negative_slope: 0.1 }, { negative_slope: 0.1 }],
    ['LeakyReLU', {}, {}],
    ['LeakyReLU', { alpha: 0.1, negative_slope: 0.2 }, /alpha 0.1 and negative_slope 0.2 disagree/],
    ['ReLU', { max_value: null, negative_slope: 0, threshold: 0 }, { negative_slope: 0, threshold: 0 }],
    ['ReLU', { max_value: 6 }, { max_value: 6 }],
    ['Softmax', { axis: [1] }, { axis: 1 }],
    ['Softmax', { axis: [1, 2] }, /axis \[1,2\] is not supported/],
    ['ELU', { alpha: 0.5 }, { alpha: 0.5 }],
  ])('%s %j', (className, config, expected) => {
    const mapping = Object.values(KERAS_LAYERS).find((m) => m.className === className)!;
    if (expected instanceof RegExp) expect(() => mapping.fromKeras(config)).toThrow(expected);
    else expect(mapping.fromKeras(config)).toEqual(expected);
  });
});
