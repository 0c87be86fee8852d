// DepthwiseConv2D, SeparableConv2D and Conv2DTranspose in the native core: gradients against finite
// differences of the native forward, and outputs and gradients against @tensorflow/tfjs'
// depthwiseConv2d, separableConv2d and conv2dTranspose layers with the same weights (1e-4 relative),
// including 'same' padding with stride 2 on odd sizes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan, PlanNode } from '../../engine';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { gradientMismatches } from '../test-support/finite-differences';
import { compiledPlan, nativeModel, randomFloats, relativeError } from '../test-support/models';
import { NativeModel } from './native-model';

const BATCH = 3;
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Case {
  name: string;
  input: number[];
  layer: LayerSpec;
  /** relu's kink makes central differences unreliable; tfjs' analytic gradients check it instead. */
  noFiniteDifferences?: boolean;
}

const cases: Case[] = [
  { name: 'DepthwiseConv2D valid', input: [5, 5, 3], layer: ['DepthwiseConv2D', { kernel_size: 3 }] },
  {
    name: 'DepthwiseConv2D same stride 2 odd, multiplier 2, elu',
    input: [7, 5, 2],
    layer: [
      'DepthwiseConv2D',
      { kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2, activation: 'elu' },
    ],
  },
  {
    name: 'DepthwiseConv2D rectangular, no bias, swish',
    input: [6, 7, 3],
    layer: [
      'DepthwiseConv2D',
      { kernel_size: [2, 3], strides: [1, 2], padding: 'same', use_bias: false, activation: 'swish' },
    ],
  },
  {
    name: 'SeparableConv2D valid',
    input: [6, 6, 3],
    layer: ['SeparableConv2D', { filters: 4, kernel_size: 3 }],
  },
  {
    name: 'SeparableConv2D same stride 2 odd, multiplier 2, tanh',
    input: [7, 7, 2],
    layer: [
      'SeparableConv2D',
      { filters: 3, kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2, activation: 'tanh' },
    ],
  },
  {
    name: 'SeparableConv2D no bias, gelu',
    input: [5, 4, 3],
    layer: ['SeparableConv2D', { filters: 2, kernel_size: 2, use_bias: false, activation: 'gelu' }],
  },
  {
    name: 'Conv2DTranspose valid',
    input: [3, 4, 2],
    layer: ['Conv2DTranspose', { filters: 3, kernel_size: 3 }],
  },
  {
    name: 'DepthwiseConv2D relu (tfjs only)',
    input: [5, 6, 2],
    layer: ['DepthwiseConv2D', { kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }],
    noFiniteDifferences: true,
  },
  {
    name: 'Conv2DTranspose same stride 2 odd, sigmoid',
    input: [5, 3, 3],
    layer: [
      'Conv2DTranspose',
      { filters: 2, kernel_size: 3, strides: 2, padding: 'same', activation: 'sigmoid' },
    ],
  },
  {
    name: 'Conv2DTranspose valid stride 2, kernel 2x3',
    input: [3, 3, 2],
    layer: ['Conv2DTranspose', { filters: 2, kernel_size: [2, 3], strides: 2 }],
  },
  {
    name: 'Conv2DTranspose same, kernel 4 stride 2, no bias, elu',
    input: [4, 3, 2],
    layer: [
      'Conv2DTranspose',
      { filters: 3, kernel_size: 4, strides: 2, padding: 'same', use_bias: false, activation: 'elu' },
    ],
  },
];

const mse: TrainingConfigInput = { loss: 'mean_squared_error' };

describe('finite-difference gradients through the addon', () => {
  it.each(cases.filter((c) => c.noFiniteDifferences !== true))('$name', ({ input, layer }) => {
    const model = nativeModel(chain(input, layer), mse);
    try {
      const x = randomFloats(BATCH * model.inputSize, 7);
      const y = randomFloats(BATCH * model.outputSize, 11, 0.05, 0.95);
      expect(gradientMismatches(model, x, y, true)).toEqual([]);
    } finally {
      model.dispose();
    }
  });

  // A 1x1 output: the loss' softmax over a sample and the layer's over the channels coincide there (the
  // core's cross-entropy on larger image outputs disagrees with its own forward for Conv2D too).
  it.each([
    ['DepthwiseConv2D', [2, 2, 1], { kernel_size: 2, depth_multiplier: 3 }],
    ['SeparableConv2D', [2, 2, 2], { filters: 3, kernel_size: 2 }],
    ['Conv2DTranspose', [1, 1, 2], { filters: 3, kernel_size: 1 }],
  ] as const)(
    '%s as the output layer with softmax fused into categorical cross-entropy',
    (type, input, params) => {
      const model = nativeModel(chain(input, [type, { ...params, activation: 'softmax' }]), {
        loss: 'categorical_crossentropy',
      });
      try {
        const x = randomFloats(2 * model.inputSize, 3);
        // One distribution per sample, as the fused gradient (p - y) assumes.
        const y = randomFloats(2 * model.outputSize, 5, 0.1, 1);
        for (let i = 0; i < y.length; i += 3) {
          const sum = (y[i] as number) + (y[i + 1] as number) + (y[i + 2] as number);
          for (let j = i; j < i + 3; j++) y[j] = (y[j] as number) / sum;
        }
        expect(gradientMismatches(model, x, y, true)).toEqual([]);
      } finally {
        model.dispose();
      }
    },
  );
});

/** The tfjs layer for one of our nodes, the activation included (tfjs has every one used here). */
function tfjsLayer(node: PlanNode): tf.layers.Layer {
  const p = node.params;
  const common = {
    kernelSize: p.kernel_size as [number, number],
    strides: p.strides as [number, number],
    padding: p.padding as 'valid' | 'same',
    useBias: p.use_bias as boolean,
    activation: p.activation as 'linear',
    name: node.name,
  };
  const depthMultiplier = p.depth_multiplier as number;
  if (node.type === 'DepthwiseConv2D') return tf.layers.depthwiseConv2d({ ...common, depthMultiplier });
  const filters = p.filters as number;
  if (node.type === 'SeparableConv2D')
    return tf.layers.separableConv2d({ ...common, depthMultiplier, filters });
  return tf.layers.conv2dTranspose({ ...common, filters });
}

function tfjsModel(plan: ExecutionPlan, weights: Record<string, Float32Array>) {
  const node = plan.nodes[1] as PlanNode;
  const input = tf.input({ shape: [...plan.inputShape] });
  const layer = tfjsLayer(node);
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  layer.setWeights(node.weights.map((w) => tf.tensor(weights[w.name] as Float32Array, [...w.shape])));
  return { model, layer, node };
}

describe('parity with TensorFlow.js layers', () => {
  it.each(cases)('$name: outputs and gradients', ({ input, layer: spec }) => {
    const plan = compiledPlan(chain(input, spec));
    const native = new NativeModel(plan, mse, { threads: 2 });
    try {
      const weights: Record<string, Float32Array> = {};
      plan.nodes
        .flatMap((n) => n.weights)
        .forEach((w, i) => (weights[w.name] = randomFloats(w.size, 100 + i, -0.5, 0.5)));
      native.setWeights(weights);
      const { model, layer, node } = tfjsModel(plan, weights);
      const x = randomFloats(BATCH * native.inputSize, 3);
      const target = randomFloats(BATCH * native.outputSize, 5);
      const xTensor = tf.tensor(x, [BATCH, ...plan.inputShape]);
      const yTensor = tf.tensor(target, [BATCH, ...plan.outputShape]);
      const expected = (model.apply(xTensor) as tf.Tensor).dataSync() as Float32Array;
      const forward = relativeError(native.predict(x), expected);
      expect(forward, 'forward').toBeLessThan(TOLERANCE);

      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(tf.sub(model.apply(xTensor) as tf.Tensor, yTensor))) as tf.Scalar,
      );
      const result = native.computeGradients(x, target, { training: false });
      expect(relativeError(Float32Array.of(result.loss), value.dataSync() as Float32Array)).toBeLessThan(
        TOLERANCE,
      );
      // tfjs lists a layer's weights in Keras order too (depthwise, pointwise, bias).
      layer.trainableWeights.forEach((variable, i) => {
        const name = node.weights[i]?.name as string;
        const reference = grads[variable.name]?.dataSync() as Float32Array;
        expect(
          relativeError(result.gradients[name] as Float32Array, reference),
          `gradient of ${name}`,
        ).toBeLessThan(TOLERANCE);
      });
      model.dispose();
    } finally {
      native.dispose();
    }
  });
});
