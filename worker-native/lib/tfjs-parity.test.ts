// Parity with an independent implementation: the same model and weights in @tensorflow/tfjs must give
// the same outputs and gradients (1e-4 relative) for every layer type, and the same weights after one
// step of each optimizer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan, Graph } from '../../engine';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, graph, type LayerSpec } from '../../engine/testing/graphs';
import { tfjsModel } from '../test-support/tfjs-reference';
import { compiledPlan, randomFloats, randomLabels, relativeError } from '../test-support/models';
import { NativeModel } from './native-model';

const BATCH = 4;
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Random weights (not zeros/ones) so every term of every formula is exercised. */
function randomizeWeights(model: NativeModel, plan: ExecutionPlan): void {
  let seed = 100;
  const weights: Record<string, Float32Array> = {};
  for (const w of plan.nodes.flatMap((n) => n.weights)) {
    const positive = w.name.endsWith('moving_variance') || w.name.endsWith('gamma');
    weights[w.name] = randomFloats(w.size, seed++, positive ? 0.5 : -0.5, positive ? 1.5 : 0.5);
  }
  model.setWeights(weights);
}

function mseLoss(output: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(output, target)));
}

interface Setup {
  plan: ExecutionPlan;
  native: NativeModel;
  reference: tf.LayersModel;
  x: Float32Array;
}

function setup(g: Graph, config: TrainingConfigInput = { loss: 'mean_squared_error' }): Setup {
  const plan = compiledPlan(g);
  const native = new NativeModel(plan, config, { threads: 2 });
  randomizeWeights(native, plan);
  const reference = tfjsModel(plan, native.getWeights());
  const x = randomFloats(BATCH * native.inputSize, 3);
  return { plan, native, reference, x };
}

/** tfjs gradients of `loss` for every trainable weight of the plan, by our names. */
function referenceGradients(
  s: Setup,
  loss: () => tf.Scalar,
): { loss: number; gradients: Record<string, Float32Array> } {
  const { value, grads } = tf.variableGrads(loss);
  const gradients: Record<string, Float32Array> = {};
  for (const node of s.plan.nodes) {
    const trainable = node.weights.filter((w) => w.trainable);
    if (trainable.length === 0) continue;
    const layer = s.reference.getLayer(node.name);
    layer.trainableWeights.forEach((variable, i) => {
      const name = trainable[i]?.name as string;
      gradients[name] = grads[variable.name]?.dataSync() as Float32Array;
    });
  }
  return { loss: value.dataSync()[0] as number, gradients };
}

function expectClose(actual: Float32Array | number, expected: Float32Array | number, what: string) {
  const a = typeof actual === 'number' ? Float32Array.of(actual) : actual;
  const e = typeof expected === 'number' ? Float32Array.of(expected) : expected;
  expect(relativeError(a, e), what).toBeLessThan(TOLERANCE);
}

interface Case {
  name: string;
  input: number[];
  layers: LayerSpec[];
  training?: boolean;
  /** Why tfjs' gradients cannot serve as the reference (forward outputs are still compared). */
  gradientsUnreliable?: string;
}

const cases: Case[] = [
  { name: 'Dense relu', input: [7], layers: [['Dense', { units: 5, activation: 'relu' }]] },
  ...['sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'gelu', 'swish'].map((activation) => ({
    name: `Dense ${activation}`,
    input: [6],
    layers: [['Dense', { units: 4, activation }]] as LayerSpec[],
  })),
  {
    name: 'Conv2D valid',
    input: [6, 6, 2],
    layers: [['Conv2D', { filters: 3, kernel_size: 3, activation: 'relu' }]],
  },
  {
    name: 'Conv2D same',
    input: [5, 5, 2],
    layers: [['Conv2D', { filters: 3, kernel_size: 3, padding: 'same' }]],
  },
  {
    name: 'Conv2D strided same',
    input: [7, 6, 3],
    layers: [
      ['Conv2D', { filters: 4, kernel_size: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }],
    ],
  },
  {
    name: 'Conv2D strided valid',
    input: [7, 7, 1],
    layers: [['Conv2D', { filters: 2, kernel_size: 3, strides: [2, 1] }]],
  },
  {
    name: 'MaxPooling2D',
    input: [6, 6, 2],
    layers: [['Conv2D', { filters: 2, kernel_size: 1 }], ['MaxPooling2D']],
  },
  {
    name: 'MaxPooling2D same strided',
    input: [7, 7, 2],
    layers: [
      ['Conv2D', { filters: 2, kernel_size: 1 }],
      ['MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
    ],
  },
  {
    name: 'AveragePooling2D',
    input: [6, 6, 2],
    layers: [
      ['Conv2D', { filters: 2, kernel_size: 1 }],
      ['AveragePooling2D', { pool_size: 3 }],
    ],
  },
  {
    name: 'AveragePooling2D same',
    input: [5, 5, 2],
    layers: [
      ['Conv2D', { filters: 2, kernel_size: 1 }],
      ['AveragePooling2D', { padding: 'same' }],
    ],
    // tfjs 4.22's avgPool backward divides border windows by the full window size although its forward
    // divides by the real cells (measured: d/dx of a corner cell 2.25 vs 9.0 by finite differences of
    // tfjs' own forward). gradients.test.ts checks ours against finite differences instead.
    gradientsUnreliable: 'tfjs avgPool SAME backward',
  },
  {
    name: 'GlobalAveragePooling2D',
    input: [4, 4, 3],
    layers: [['Conv2D', { filters: 2, kernel_size: 1 }], ['GlobalAveragePooling2D']],
  },
  {
    name: 'GlobalMaxPooling2D',
    input: [4, 4, 3],
    layers: [['Conv2D', { filters: 2, kernel_size: 1 }], ['GlobalMaxPooling2D']],
  },
  {
    name: 'Flatten, Reshape, Dense',
    input: [3, 3, 2],
    layers: [['Flatten'], ['Reshape', { target_shape: [6, 3] }], ['Dense', { units: 2 }]],
  },
  // Without a bias before BatchNormalization, as usual: its gradient would be exactly zero (noise only).
  {
    name: 'BatchNormalization training',
    input: [3, 3, 4],
    layers: [['Conv2D', { filters: 3, kernel_size: 1, use_bias: false }], ['BatchNormalization']],
    training: true,
  },
  {
    name: 'BatchNormalization inference',
    input: [3, 3, 4],
    layers: [['Conv2D', { filters: 3, kernel_size: 1 }], ['BatchNormalization']],
    training: false,
  },
  {
    name: 'Activation gelu',
    input: [5],
    layers: [
      ['Dense', { units: 5 }],
      ['Activation', { activation: 'gelu' }],
    ],
  },
  {
    name: 'Dropout at inference',
    input: [5],
    layers: [
      ['Dense', { units: 5 }],
      ['Dropout', { rate: 0.4 }],
    ],
    training: false,
  },
];

describe('parity with TensorFlow.js', () => {
  it.each(cases)(
    '$name: outputs and gradients',
    ({ input, layers, training = false, gradientsUnreliable }) => {
      const s = setup(chain(input, ...layers));
      const target = randomFloats(BATCH * s.native.outputSize, 5);
      const outputShape = [BATCH, ...s.plan.outputShape];
      const xTensor = tf.tensor(s.x, [BATCH, ...s.plan.inputShape]);
      const yTensor = tf.tensor(target, outputShape);

      const expected = (s.reference.apply(xTensor, { training }) as tf.Tensor).dataSync() as Float32Array;
      expectClose(s.native.predict(s.x, { training }), expected, 'forward output');

      const reference = referenceGradients(s, () =>
        mseLoss(s.reference.apply(xTensor, { training }) as tf.Tensor, yTensor),
      );
      const native = s.native.computeGradients(s.x, target, { training });
      expectClose(native.loss, reference.loss, 'loss');
      if (gradientsUnreliable === undefined) {
        for (const [name, gradient] of Object.entries(reference.gradients))
          expectClose(native.gradients[name] as Float32Array, gradient, `gradient of ${name}`);
      }
      s.native.dispose();
    },
  );

  it('softmax with sparse categorical cross-entropy, on a DAG with Add and Concatenate', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [4, 4, 2] }],
        ['a', 'Conv2D', { filters: 3, kernel_size: 1, activation: 'relu' }],
        ['b', 'Conv2D', { filters: 3, kernel_size: 3, padding: 'same' }],
        ['sum', 'Add'],
        ['cat', 'Concatenate'],
        ['flat', 'Flatten'],
        ['out', 'Dense', { units: 5, activation: 'softmax' }],
      ],
      ['in->a', 'a->b', 'a->sum', 'b->sum', 'sum->cat', 'in->cat', 'cat->flat', 'flat->out'],
    );
    const s = setup(g, { loss: 'sparse_categorical_crossentropy' });
    const labels = randomLabels(BATCH, 5, 9);
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 5);
    const xTensor = tf.tensor(s.x, [BATCH, 4, 4, 2]);
    const reference = referenceGradients(s, () => {
      const p = s.reference.apply(xTensor) as tf.Tensor;
      return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(p)), -1))) as tf.Scalar;
    });
    const native = s.native.computeGradients(s.x, labels, { training: false });
    expectClose(native.loss, reference.loss, 'loss');
    for (const [name, gradient] of Object.entries(reference.gradients))
      expectClose(native.gradients[name] as Float32Array, gradient, `gradient of ${name}`);
    s.native.dispose();
  });

  it('updates BatchNormalization moving statistics like Keras (momentum 0.99)', () => {
    const s = setup(chain([2, 2, 3], ['BatchNormalization', { momentum: 0.9 }]));
    const before = s.native.getWeights();
    s.native.trainBatch(s.x, randomFloats(BATCH * 12, 4));
    const after = s.native.getWeights();
    const values = Array.from({ length: 3 }, (_, c) =>
      Array.from({ length: BATCH * 4 }, (_, r) => s.x[r * 3 + c] as number),
    );
    const mean = values.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    const variance = values.map(
      (v, c) => v.reduce((a, b) => a + (b - (mean[c] as number)) ** 2, 0) / v.length,
    );
    const expectedMean = Float32Array.from(
      mean,
      (m, c) => (before['batch_normalization/moving_mean']?.[c] as number) * 0.9 + m * 0.1,
    );
    const expectedVariance = Float32Array.from(
      variance,
      (v, c) => (before['batch_normalization/moving_variance']?.[c] as number) * 0.9 + v * 0.1,
    );
    expectClose(after['batch_normalization/moving_mean'] as Float32Array, expectedMean, 'moving mean');
    expectClose(
      after['batch_normalization/moving_variance'] as Float32Array,
      expectedVariance,
      'moving variance',
    );
    s.native.dispose();
  });

  it.each([
    ['Adam', { type: 'adam', learning_rate: 0.01 }, () => tf.train.adam(0.01, 0.9, 0.999, 1e-7)],
    ['RMSprop', { type: 'rmsprop', learning_rate: 0.01 }, () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7)],
    [
      'SGD with momentum',
      { type: 'sgd', learning_rate: 0.05, momentum: 0.9 },
      () => tf.train.momentum(0.05, 0.9),
    ],
    [
      'SGD with Nesterov momentum',
      { type: 'sgd', learning_rate: 0.05, momentum: 0.9, nesterov: true },
      () => tf.train.momentum(0.05, 0.9, true),
    ],
  ] as const)('two %s steps give the same weights', (_name, optimizer, makeReference) => {
    const s = setup(
      chain(
        [3, 3, 2],
        ['Conv2D', { filters: 2, kernel_size: 2, activation: 'tanh' }],
        ['Flatten'],
        ['Dense', { units: 3 }],
      ),
      {
        loss: 'mean_squared_error',
        optimizer,
      },
    );
    const target = randomFloats(BATCH * 3, 8);
    const xTensor = tf.tensor(s.x, [BATCH, 3, 3, 2]);
    const yTensor = tf.tensor(target, [BATCH, 3]);
    const reference = makeReference();
    for (let step = 0; step < 2; step++) {
      s.native.trainBatch(s.x, target);
      reference.minimize(() => mseLoss(s.reference.apply(xTensor) as tf.Tensor, yTensor));
    }
    const ours = s.native.getWeights();
    for (const node of s.plan.nodes.filter((n) => n.weights.length > 0)) {
      s.reference
        .getLayer(node.name)
        .getWeights()
        .forEach((tensor, i) => {
          const name = node.weights[i]?.name as string;
          expectClose(
            ours[name] as Float32Array,
            tensor.dataSync() as Float32Array,
            `${name} after two steps`,
          );
        });
    }
    s.native.dispose();
  });
});
