// TF.js import of files written by others: Keras 2 Sequential model.json (new and old style, sharded
// weights) predicts in our core what tfjs predicts from the same files; a Keras 3 Functional topology
// reads.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { compileGraph } from '../../compile';
import type { ModelFile } from '../../model-file';
import { decodeWeights } from '../weights';
import { importTfjs } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const kerasLayer = (className: string, config: Record<string, unknown>) => ({
  class_name: className,
  config,
});
const common = { trainable: true, dtype: 'float32' };
const glorot = { class_name: 'GlorotUniform', config: { seed: null } };
const zeros = { class_name: 'Zeros', config: {} };

/** What tensorflowjs_converter writes for a tf.keras 2 Sequential CNN (InputLayer first). */
const sequentialCnn = [
  kerasLayer('InputLayer', {
    batch_input_shape: [null, 8, 8, 1],
    dtype: 'float32',
    sparse: false,
    ragged: false,
    name: 'conv2d_input',
  }),
  kerasLayer('Conv2D', {
    name: 'conv2d',
    ...common,
    filters: 4,
    kernel_size: [3, 3],
    strides: [1, 1],
    padding: 'valid',
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    groups: 1,
    activation: 'relu',
    use_bias: true,
    kernel_initializer: glorot,
    bias_initializer: zeros,
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
  }),
  kerasLayer('MaxPooling2D', {
    name: 'max_pooling2d',
    ...common,
    pool_size: [2, 2],
    padding: 'valid',
    strides: [2, 2],
    data_format: 'channels_last',
  }),
  kerasLayer('Flatten', { name: 'flatten', ...common, data_format: 'channels_last' }),
  kerasLayer('Dense', {
    name: 'dense',
    ...common,
    units: 10,
    activation: 'softmax',
    use_bias: true,
    kernel_initializer: glorot,
    bias_initializer: zeros,
  }),
];

/** Keras 2.0's list form, the input shape on the first layer, a LeakyReLU layer with alpha. */
const oldSequentialMlp = [
  kerasLayer('Dense', {
    name: 'dense_1',
    batch_input_shape: [null, 20],
    units: 16,
    activation: 'linear',
    use_bias: true,
  }),
  kerasLayer('LeakyReLU', { name: 'leaky_re_lu_1', alpha: 0.2 }),
  kerasLayer('Dropout', { name: 'dropout_1', rate: 0.5, noise_shape: null, seed: null }),
  kerasLayer('Dense', { name: 'dense_2', units: 5, activation: 'softmax', use_bias: true }),
];

/** A manifest for `specs` over two shards split mid-tensor, and random float32 values for them. */
function shardedWeights(specs: { name: string; shape: number[] }[]) {
  const size = specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
  const bytes = new Uint8Array(randomFloats(size, 5, -0.5, 0.5).buffer);
  const cut = 4 * Math.floor(size / 2) + 2; // shards need not end on a value
  const files = { 'group1-shard1of2.bin': bytes.slice(0, cut), 'group1-shard2of2.bin': bytes.slice(cut) };
  const manifest = [{ paths: Object.keys(files), weights: specs.map((s) => ({ ...s, dtype: 'float32' })) }];
  return { manifest, files, bytes };
}

function predictNative(model: ModelFile, x: Float32Array): Float32Array {
  const compiled = compileGraph(model.graph);
  if (!compiled.ok || model.weights === undefined) throw new Error('not a trained model');
  const native = nativeModel(model.graph);
  native.setWeights(
    Object.fromEntries(
      [...decodeWeights(compiled.plan, model.weights).tensors].map(([n, t]) => [n, t.values]),
    ),
  );
  const out = native.predict(x);
  native.dispose();
  return out;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce(
    (max, v, i) => Math.max(max, Math.abs(v - (b[i] as number))),
    a.length === b.length ? 0 : Infinity,
  );

describe('TF.js import of files written by others', () => {
  it.each([
    {
      style: 'Keras 2 Sequential {layers}',
      topology: { class_name: 'Sequential', config: { name: 'cnn', layers: sequentialCnn } },
      input: [8, 8, 1],
      specs: [
        ['conv2d/kernel', [3, 3, 1, 4]],
        ['conv2d/bias', [4]],
        ['dense/kernel', [36, 10]],
        ['dense/bias', [10]],
      ],
    },
    {
      style: 'old Sequential list',
      topology: { class_name: 'Sequential', config: oldSequentialMlp },
      input: [20],
      specs: [
        ['dense_1/kernel', [20, 16]],
        ['dense_1/bias', [16]],
        ['dense_2/kernel', [16, 5]],
        ['dense_2/bias', [5]],
      ],
    },
  ] as const)(
    '$style: our core predicts what tfjs predicts from the same files',
    async ({ topology, input, specs }) => {
      const { manifest, files, bytes } = shardedWeights(
        specs.map(([name, shape]) => ({ name, shape: [...shape] })),
      );
      const modelJson = {
        format: 'layers-model',
        modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: topology },
        weightsManifest: manifest,
      };
      const imported = importTfjs(JSON.parse(JSON.stringify(modelJson)), files);
      if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
      const x = randomFloats(16 * (input as readonly number[]).reduce((a, b) => a * b, 1), 9, 0, 1);
      const loaded = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: modelJson.modelTopology,
          weightSpecs: manifest[0]!.weights,
          weightData: bytes.slice().buffer,
        }),
      );
      const expected = (loaded.predict(tf.tensor(x, [16, ...input])) as tf.Tensor).dataSync() as Float32Array;
      expect(maxAbsDiff(predictNative(imported.value, x), expected)).toBeLessThan(1e-5);
    },
  );

  it('reads the first Sequential layer shape into an InputLayer and the LeakyReLU as a LeakyReLU layer', () => {
    const imported = importTfjs(
      { modelTopology: { class_name: 'Sequential', config: oldSequentialMlp } },
      {},
    );
    if (!imported.ok) throw new Error(imported.issues[0]?.message);
    expect(imported.value.weights).toBeUndefined();
    expect(imported.value.graph.nodes.map((n) => [n.name, n.type, n.params])).toEqual([
      ['dense_1_input', 'InputLayer', { shape: [20] }],
      ['dense_1', 'Dense', { units: 16, activation: 'linear', use_bias: true }],
      ['leaky_re_lu_1', 'LeakyReLU', { negative_slope: 0.2 }],
      ['dropout_1', 'Dropout', { rate: 0.5 }],
      ['dense_2', 'Dense', { units: 5, activation: 'softmax', use_bias: true }],
    ]);
  });

  it('reads a Keras 3 Functional topology: {args} inbound nodes, batch_shape, dtype policies', () => {
    const tensor = (name: string) => ({
      class_name: '__keras_tensor__',
      config: { shape: [null, 8, 8, 2], dtype: 'float32', keras_history: [name, 0, 0] },
    });
    const policy = {
      module: 'keras',
      class_name: 'DTypePolicy',
      config: { name: 'float32' },
      registered_name: null,
    };
    const layer = (className: string, name: string, config: Record<string, unknown>, args: unknown[]) => ({
      module: 'keras.layers',
      class_name: className,
      config: { name, trainable: true, dtype: policy, ...config },
      registered_name: null,
      name,
      inbound_nodes: args.length === 0 ? [] : [{ args, kwargs: {} }],
    });
    const modelJson = {
      modelTopology: {
        class_name: 'Functional',
        config: {
          name: 'residual',
          layers: [
            layer('InputLayer', 'input_layer', { batch_shape: [null, 8, 8, 2], sparse: false }, []),
            layer(
              'Conv2D',
              'conv2d',
              { filters: 2, kernel_size: [3, 3], padding: 'same', activation: 'silu' },
              [tensor('input_layer')],
            ),
            layer('Add', 'add', {}, [[tensor('conv2d'), tensor('input_layer')]]),
            layer('ReLU', 're_lu', { max_value: null, negative_slope: 0, threshold: 0 }, [tensor('add')]),
            layer('GlobalAveragePooling2D', 'gap', { data_format: 'channels_last', keepdims: false }, [
              tensor('re_lu'),
            ]),
            layer('Dense', 'dense', { units: 3, activation: 'softmax' }, [tensor('gap')]),
          ],
          input_layers: ['input_layer', 0, 0],
          output_layers: ['dense', 0, 0],
        },
      },
    };
    const imported = importTfjs(modelJson, {});
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    expect(imported.value.name).toBe('residual');
    expect(imported.value.graph.nodes.map((n) => [n.name, n.type, n.params])).toEqual([
      ['input_layer', 'InputLayer', { shape: [8, 8, 2] }],
      ['conv2d', 'Conv2D', { filters: 2, kernel_size: [3, 3], padding: 'same', activation: 'swish' }],
      ['add', 'Add', {}],
      ['re_lu', 'ReLU', { negative_slope: 0, threshold: 0 }],
      ['gap', 'GlobalAveragePooling2D', {}],
      ['dense', 'Dense', { units: 3, activation: 'softmax' }],
    ]);
    expect(imported.value.graph.edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'input_layer->conv2d',
      'conv2d->add',
      'input_layer->add',
      'add->re_lu',
      're_lu->gap',
      'gap->dense',
    ]);
  });
});
