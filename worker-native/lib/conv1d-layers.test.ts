// The 1-D layers in the native core (Conv1D, MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D,
// GlobalMaxPooling1D): backward against finite differences, and forward and gradients against
// @tensorflow/tfjs' conv1d / maxPooling1d / averagePooling1d / globalAveragePooling1d /
// globalMaxPooling1d (1e-4 relative) with the same weights ('causal' Conv1D, which tfjs lacks, against
// a zero pad before a 'valid' conv1d, as Keras computes it); and the MNIST-rows model learns.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan, PlanNode } from '../../engine';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { checkGradients } from '../test-support/gradient-check';
import { mnistRows } from '../test-support/sequence-graphs';
import { mnistSamples, trainedOnMnist } from '../test-support/trained-mnist';
import { compiledPlan, nativeModel, randomFloats, randomLabels, relativeError } from '../test-support/models';
import { NativeModel } from './native-model';

const BATCH = 3;
const TOLERANCE = 1e-4;
const mse: TrainingConfigInput = { loss: 'mean_squared_error' };

interface Case {
  name: string;
  input: number[];
  layers: LayerSpec[];
  /** Finite-difference step; max pooling needs one smaller than the gaps between its inputs. */
  h?: number;
  /** Why tfjs' gradients cannot serve as the reference (forward outputs are still compared). */
  gradientsUnreliable?: string;
}

const cases: Case[] = [
  { name: 'Conv1D valid', input: [7, 2], layers: [['Conv1D', { filters: 3, kernel_size: 3 }]] },
  {
    name: 'Conv1D same, stride 2, odd total padding',
    input: [8, 3],
    layers: [['Conv1D', { filters: 2, kernel_size: 4, strides: 2, padding: 'same', activation: 'tanh' }]],
  },
  {
    name: 'Conv1D same, kernel 5, swish',
    input: [6, 2],
    layers: [['Conv1D', { filters: 4, kernel_size: 5, padding: 'same', activation: 'swish' }]],
  },
  {
    name: 'Conv1D strided valid without bias, gelu',
    input: [9, 2],
    layers: [['Conv1D', { filters: 2, kernel_size: 3, strides: 3, use_bias: false, activation: 'gelu' }]],
  },
  { name: 'Conv1D kernel 1', input: [5, 4], layers: [['Conv1D', { filters: 3, kernel_size: 1 }]] },
  {
    name: 'Conv1D causal',
    input: [6, 2],
    layers: [['Conv1D', { filters: 3, kernel_size: 3, padding: 'causal', activation: 'tanh' }]],
  },
  {
    name: 'Conv1D causal, stride 2, after another layer',
    input: [7, 2],
    layers: [
      ['Conv1D', { filters: 3, kernel_size: 1 }],
      ['Conv1D', { filters: 2, kernel_size: 4, strides: 2, padding: 'causal', activation: 'swish' }],
    ],
  },
  { name: 'MaxPooling1D', input: [8, 2], layers: [['MaxPooling1D']], h: 1e-3 },
  {
    name: 'MaxPooling1D same, pool 3, stride 2',
    input: [7, 2],
    layers: [['MaxPooling1D', { pool_size: 3, strides: 2, padding: 'same' }]],
    h: 1e-3,
  },
  {
    name: 'AveragePooling1D, pool 3, stride 1',
    input: [7, 2],
    layers: [
      ['Conv1D', { filters: 2, kernel_size: 1 }],
      ['AveragePooling1D', { pool_size: 3, strides: 1 }],
    ],
  },
  {
    name: 'AveragePooling1D same',
    input: [5, 2],
    layers: [
      ['Conv1D', { filters: 2, kernel_size: 1 }],
      ['AveragePooling1D', { pool_size: 2, padding: 'same' }],
    ],
    // As for AveragePooling2D (tfjs-parity.test.ts): tfjs 4.22's avgPool backward divides border windows
    // by the full window although its forward divides by the real cells; finite differences check ours.
    gradientsUnreliable: 'tfjs avgPool SAME backward',
  },
  {
    name: 'GlobalAveragePooling1D',
    input: [5, 3],
    layers: [['Conv1D', { filters: 2, kernel_size: 2 }], ['GlobalAveragePooling1D']],
  },
  { name: 'GlobalMaxPooling1D', input: [6, 3], layers: [['GlobalMaxPooling1D']], h: 1e-3 },
  {
    name: 'MNIST-rows model: Conv1D relu, MaxPooling1D, GlobalAveragePooling1D, Dense softmax',
    input: [8, 5],
    layers: [
      ['Conv1D', { filters: 4, kernel_size: 3, activation: 'relu' }],
      ['MaxPooling1D'],
      ['GlobalAveragePooling1D'],
      ['Dense', { units: 3, activation: 'softmax' }],
    ],
  },
];

describe('1-D layers: gradients match finite differences', () => {
  it.each(cases)('$name', ({ input, layers, h = 1e-2 }) => {
    const model = nativeModel(chain(input, ...layers), mse);
    try {
      const x = randomFloats(BATCH * model.inputSize, 7);
      const y = randomFloats(BATCH * model.outputSize, 11, 0.05, 0.95);
      expect(checkGradients(model, x, y, true, h)).toEqual([]);
    } finally {
      model.dispose();
    }
  });

  it('Conv1D as the output layer, softmax fused with sparse categorical cross-entropy', () => {
    // A kernel as long as the sequence: one step of 4 class scores, (1, 4).
    const g = chain([6, 2], ['Conv1D', { filters: 4, kernel_size: 6, activation: 'softmax' }]);
    const model = nativeModel(g, { loss: 'sparse_categorical_crossentropy' });
    try {
      const x = randomFloats(BATCH * model.inputSize, 5);
      expect(checkGradients(model, x, randomLabels(BATCH, 4, 3), true, 1e-2)).toEqual([]);
    } finally {
      model.dispose();
    }
  });
});

// --- parity with TensorFlow.js -----------------------------------------------------------------------

/** tfjs has no 'causal' Conv1D (NotImplementedError): the reference pads kernel_size - 1 steps before
 *  the input and runs a 'valid' conv1d, which is what Keras does. */
class CausalPad extends tf.layers.Layer {
  static readonly className = 'CausalPad';
  constructor(private readonly before: number) {
    super({});
  }
  override computeOutputShape(shape: tf.Shape): tf.Shape {
    const [batch, steps, channels] = shape;
    return [batch ?? null, (steps as number) + this.before, channels ?? null];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.pad(x, [
      [0, 0],
      [this.before, 0],
      [0, 0],
    ]);
  }
}

/** The tfjs layers for a node of these chains (the 1-D layers, Dense and Flatten); the one named like
 *  the node holds its weights. */
function tfjsLayers(node: PlanNode): tf.layers.Layer[] {
  const p = node.params as Record<string, unknown>;
  if (node.type === 'Conv1D' && p.padding === 'causal')
    return [
      new CausalPad((p.kernel_size as number) - 1),
      tfjsLayer({ ...node, params: { ...p, padding: 'valid' } }),
    ];
  return [tfjsLayer(node)];
}

function tfjsLayer(node: PlanNode): tf.layers.Layer {
  // The engine validated these params; tfjs takes them as its own option types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const p = node.params as Record<string, any>;
  const name = node.name;
  switch (node.type) {
    case 'Conv1D':
      return tf.layers.conv1d({
        filters: p.filters,
        kernelSize: p.kernel_size,
        strides: p.strides,
        padding: p.padding,
        activation: p.activation,
        useBias: p.use_bias,
        name,
      });
    case 'MaxPooling1D':
    case 'AveragePooling1D': {
      const args = { poolSize: p.pool_size, strides: p.strides ?? p.pool_size, padding: p.padding, name };
      return node.type === 'MaxPooling1D' ? tf.layers.maxPooling1d(args) : tf.layers.averagePooling1d(args);
    }
    case 'GlobalAveragePooling1D':
      return tf.layers.globalAveragePooling1d({ name });
    case 'GlobalMaxPooling1D':
      return tf.layers.globalMaxPooling1d({ name });
    case 'Dense':
      return tf.layers.dense({ units: p.units, activation: p.activation, useBias: p.use_bias, name });
    case 'Flatten':
      return tf.layers.flatten({ name });
    default:
      throw new Error(`no tfjs layer for ${node.type} in this test`);
  }
}

function tfjsChain(plan: ExecutionPlan, weights: Record<string, Float32Array>): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [...plan.inputShape] }));
  for (const node of plan.nodes.slice(1)) {
    const layers = tfjsLayers(node);
    for (const layer of layers) model.add(layer);
    const layer = layers.at(-1) as tf.layers.Layer;
    if (node.weights.length > 0)
      layer.setWeights(node.weights.map((w) => tf.tensor(weights[w.name] as Float32Array, [...w.shape])));
  }
  return model;
}

function expectClose(actual: Float32Array | number, expected: Float32Array | number, what: string) {
  const a = typeof actual === 'number' ? Float32Array.of(actual) : actual;
  const e = typeof expected === 'number' ? Float32Array.of(expected) : expected;
  const error = relativeError(a, e);
  expect(error, what).toBeLessThan(TOLERANCE);
  return error;
}

describe('1-D layers: parity with TensorFlow.js', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(cases)('$name: outputs and gradients', ({ input, layers, gradientsUnreliable }) => {
    const plan = compiledPlan(chain(input, ...layers));
    const native = new NativeModel(plan, mse, { threads: 2 });
    try {
      // Random weights (not glorot/zeros), so every term of every formula is exercised.
      let seed = 100;
      native.setWeights(
        Object.fromEntries(
          plan.nodes.flatMap((n) => n.weights).map((w) => [w.name, randomFloats(w.size, seed++, -0.5, 0.5)]),
        ),
      );
      const reference = tfjsChain(plan, native.getWeights());
      const x = randomFloats(BATCH * native.inputSize, 3);
      const target = randomFloats(BATCH * native.outputSize, 5);
      const xTensor = tf.tensor(x, [BATCH, ...plan.inputShape]);
      const yTensor = tf.tensor(target, [BATCH, ...plan.outputShape]);

      const expected = (reference.apply(xTensor) as tf.Tensor).dataSync() as Float32Array;
      const forward = expectClose(native.predict(x), expected, 'forward output');

      const loss = (input: tf.Tensor) =>
        tf.mean(tf.square(tf.sub(reference.apply(input) as tf.Tensor, yTensor))) as tf.Scalar;
      const ours = native.computeGradients(x, target, { training: false });
      // The input's gradient (every case has one, pooling-only ones included), then the weights'.
      const { value, grad } = tf.valueAndGrad(loss)(xTensor);
      expectClose(ours.loss, value.dataSync()[0] as number, 'loss');
      let gradient = 0;
      if (gradientsUnreliable === undefined) {
        gradient = expectClose(ours.inputGradient, grad.dataSync() as Float32Array, 'input gradient');
        const trainable = plan.nodes.filter((n) => n.weights.length > 0);
        const grads: Record<string, tf.Tensor> =
          trainable.length > 0 ? tf.variableGrads(() => loss(xTensor)).grads : {};
        for (const node of trainable) {
          reference.getLayer(node.name).trainableWeights.forEach((variable, i) => {
            const name = node.weights[i]?.name as string;
            const theirs = grads[variable.name]?.dataSync() as Float32Array;
            gradient = Math.max(gradient, expectClose(ours.gradients[name] as Float32Array, theirs, name));
          });
        }
      }
      console.log(`tfjs parity: forward ${forward.toExponential(2)}, gradients ${gradient.toExponential(2)}`);
    } finally {
      native.dispose();
    }
  });
});

describe('1-D layers: learning', () => {
  it('the MNIST-rows model (InputLayer [28, 28]: rows as steps) learns to classify digits', () => {
    const { native } = trainedOnMnist('rows', mnistRows, { batches: 1200, config: { seed: 3 } });
    try {
      const test = mnistSamples('t10k', 0, 1000);
      const probabilities = native.predict(test.images);
      let correct = 0;
      test.labels.forEach((label, i) => {
        const row = probabilities.subarray(i * 10, (i + 1) * 10);
        if (row.indexOf(Math.max(...row)) === label) correct++;
      });
      console.log(`MNIST rows after 1,200 batches of 32: test accuracy ${(correct / 10).toFixed(1)}%`);
      // Chance is 10%; this small model (2,720 + 330 weights, one epoch ≈ 70%) is well past it.
      expect(correct / 1000).toBeGreaterThan(0.5);
    } finally {
      native.dispose();
    }
  });
});
