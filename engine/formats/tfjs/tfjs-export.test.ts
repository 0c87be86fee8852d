// TF.js export against @tensorflow/tfjs itself: models trained ~100 batches by our core load with
// tf.loadLayersModel and predict the same MNIST probabilities (1e-5); export → import gives back the
// same graph (Activation(leaky_relu) coming back as a LeakyReLU layer) and bit-identical weights for
// every layer type.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan } from '../../../worker-native/test-support/models';
import type { ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { ACTIVATIONS, INITIALIZERS } from '../../params';
import { chain, graph } from '../../testing/graphs';
import {
  mnistSamples,
  templateGraph,
  trainedWithPredictions,
} from '../../../worker-native/test-support/trained-mnist';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';
import { LEAKY_RELU_SLOPE } from './tfjs-leaky-relu';

const PREDICT = 100;

// Two branches joined by Add and Concatenate (channels and height), trained BatchNormalization on rank
// 3, 2 and 1, Dropout, every pooling layer, 'same' padding with strides, Reshape with -1, leaky_relu
// both as an Activation and inside a Conv2D.
const branches = graph(
  [
    ['in', 'InputLayer', { shape: [28, 28, 1] }],
    [
      'a',
      'Conv2D',
      { filters: 8, strides: 2, padding: 'same', activation: 'relu', kernel_regularizer: 'l2' },
    ],
    ['b', 'Conv2D', { filters: 8, kernel_size: 1, strides: 2, activation: 'leaky_relu' }],
    ['add', 'Add'],
    ['bn', 'BatchNormalization'],
    ['act', 'Activation', { activation: 'swish' }],
    ['mp', 'MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
    ['ap', 'AveragePooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
    ['cat', 'Concatenate'],
    ['soft', 'Activation', { activation: 'softmax' }],
    ['gap', 'GlobalAveragePooling2D'],
    ['gmp', 'GlobalMaxPooling2D'],
    ['tall', 'Concatenate', { axis: 1 }],
    ['apv', 'AveragePooling2D', { pool_size: [3, 2], strides: [2, 1] }],
    ['dimg', 'Dense', { units: 4, activation: 'elu' }],
    ['rs', 'Reshape', { target_shape: [-1, 8] }],
    ['bn2', 'BatchNormalization', { scale: false }],
    ['leaky', 'Activation', { activation: 'leaky_relu' }],
    ['flat', 'Flatten'],
    ['all', 'Concatenate'],
    ['drop', 'Dropout', { rate: 0.3 }],
    ['bn1', 'BatchNormalization', { center: false, momentum: 0.9, epsilon: 0.01 }],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  [
    ...['in->a', 'in->b', 'a->add', 'b->add', 'add->bn', 'bn->act', 'act->mp', 'act->ap', 'mp->cat'],
    ...['ap->cat', 'cat->soft', 'soft->gap', 'cat->gmp', 'mp->tall', 'ap->tall', 'tall->apv', 'apv->dimg'],
    ...['dimg->rs', 'rs->bn2', 'bn2->leaky', 'leaky->flat', 'gap->all', 'gmp->all', 'flat->all'],
    ...['all->drop', 'drop->bn1', 'bn1->out'],
  ],
);

// Every activation inside a Dense (leaky_relu splits off in tfjs), each with another initializer.
const activations = chain(
  [28, 28, 1],
  ['Flatten'],
  ...ACTIVATIONS.filter((a) => a !== 'softmax').map(
    (activation, i) =>
      [
        'Dense',
        {
          units: 24,
          activation,
          kernel_initializer: INITIALIZERS[i % INITIALIZERS.length],
          use_bias: i % 3 > 0,
          kernel_regularizer: i === 0 ? { l1: 0.001, l2: 0.01 } : null,
        },
      ] as const,
  ),
  ['Dense', { units: 10, activation: 'softmax', bias_initializer: 'ones' }],
);

const cases = [
  { name: 'mnist-mlp', graph: templateGraph('mnist-mlp') },
  { name: 'mnist-cnn', graph: templateGraph('mnist-cnn') },
  { name: 'lenet5', graph: templateGraph('lenet5') },
  { name: 'branches', graph: branches },
  { name: 'activations', graph: activations },
];

function exported(model: ModelFile) {
  const result = exportTfjs(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const [json, bin] = result.value;
  return {
    json: JSON.parse(json?.data as string),
    binName: bin?.name as string,
    bin: bin?.data as Uint8Array,
  };
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce(
    (max, v, i) => Math.max(max, Math.abs(v - (b[i] as number))),
    a.length === b.length ? 0 : Infinity,
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TF.js export', () => {
  const trained = new Map(cases.map((c) => [c.name, trainedWithPredictions(c.name, c.graph, PREDICT)]));

  it.each(cases)('$name: tf.loadLayersModel predicts our probabilities (1e-5)', async ({ name }) => {
    const { model, expected } = trained.get(name)!;
    const { json, binName, bin } = exported(model);
    expect(json.weightsManifest[0].paths).toEqual([binName]);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    );
    const pixels = Float32Array.from(mnistSamples('t10k', 0, PREDICT).images, (v) => v / 255);
    const output = loaded.predict(tf.tensor(pixels, [PREDICT, 28, 28, 1])) as tf.Tensor;
    const predicted = output.dataSync() as Float32Array;
    const diff = maxAbsDiff(predicted, expected);
    expect(diff).toBeLessThan(1e-5);
    // tfjs reads the kernel regularizers too (its own L1L2 objects, not just our config's text).
    for (const node of compiledPlan(model.graph).nodes) {
      const own = node.params.kernel_regularizer;
      if (own === undefined || own === null) continue;
      const config = loaded.getLayer(node.name).getConfig().kernelRegularizer as {
        config?: { l1: number; l2: number };
      };
      expect(config.config).toEqual(own);
    }
    output.dispose();
    loaded.dispose();
  });

  it.each(cases)('$name: export → import gives the same graph and bit-identical weights', ({ name }) => {
    const { model } = trained.get(name)!;
    const { json, binName, bin } = exported(model);
    const imported = importTfjs(json, { [binName]: bin });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const before = compiledPlan(model.graph);
    const after = compiledPlan(imported.value.graph);
    // Reshape's -1 comes back as the size it stood for (tfjs cannot load the -1): the same output shape.
    // Activation(leaky_relu) is written as the LeakyReLU layer tfjs has and comes back as that layer.
    const leaky = (n: ExecutionPlan['nodes'][number]) =>
      n.type === 'Activation' && n.params.activation === 'leaky_relu';
    const describe = (plan: ExecutionPlan) =>
      plan.nodes.map((n) => ({
        type: leaky(n) ? 'LeakyReLU' : n.type,
        name: n.name,
        params:
          n.type === 'Reshape'
            ? { target_shape: n.outputShape }
            : leaky(n)
              ? { negative_slope: LEAKY_RELU_SLOPE }
              : n.params,
        inputs: n.inputs.map((i) => plan.nodes[i]?.name),
      }));
    expect(describe(after)).toEqual(describe(before));
    const values = (plan: ExecutionPlan, m: ModelFile) =>
      [...decodeWeights(plan, m.weights!).tensors].map(([n, t]) => [n, Buffer.from(t.values.buffer)]);
    expect(values(after, imported.value)).toEqual(values(before, model));
  });

  it('refuses a model without weights, and names a damaged tensor', () => {
    const { model } = trained.get('mnist-mlp')!;
    const { weights: _none, ...architecture } = model;
    const noWeights = exportTfjs(architecture);
    expect(noWeights.ok || noWeights.issues[0]?.message).toMatch(/no weights: train it first/);
    const [first, ...rest] = model.weights!.tensors;
    const damaged = exportTfjs({
      ...model,
      weights: { dtype: 'float32', tensors: [{ ...first!, data: 'AAAA' }, ...rest] },
    });
    expect(damaged.ok || damaged.issues[0]?.message).toMatch(
      new RegExp(`tensor '${first!.name}' holds 3 bytes`),
    );
  });
});
