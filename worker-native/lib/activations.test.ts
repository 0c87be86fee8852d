// Activations for one input (issue 16): NativeModel.activations() returns every node's output from one
// inference-mode pass. Checked against predict() for the output, against a plain loop for the first
// Conv2D and Dense, and against tfjs (same weights) for every node of the seed CNN.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../../engine/testing/graphs';
import { tfjsModel } from '../test-support/tfjs-reference';
import { compiledPlan, randomFloats, relativeError } from '../test-support/models';
import { mnistSamples, templateGraph, trainedOnMnist } from '../test-support/trained-mnist';
import { MAX_ACTIVATION_SAMPLES, NativeModel } from './native-model';

const TOLERANCE = 1e-5;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Valid-padding, stride-1 Conv2D with ReLU in plain loops: NHWC input, HWIO kernel. */
function conv2dRelu(
  x: Float32Array,
  [h, w, c]: readonly [number, number, number],
  kernel: Float32Array,
  bias: Float32Array,
  k: number,
): Float32Array {
  const filters = bias.length;
  const oh = h - k + 1;
  const ow = w - k + 1;
  const out = new Float32Array(oh * ow * filters);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++)
      for (let f = 0; f < filters; f++) {
        let sum = bias[f] as number;
        for (let di = 0; di < k; di++)
          for (let dj = 0; dj < k; dj++)
            for (let ch = 0; ch < c; ch++)
              sum +=
                (x[((i + di) * w + (j + dj)) * c + ch] as number) *
                (kernel[((di * k + dj) * c + ch) * filters + f] as number);
        out[(i * ow + j) * filters + f] = Math.max(0, sum);
      }
  return out;
}

describe('activations of the seed CNN', () => {
  const { native } = trainedOnMnist('mnist-cnn', templateGraph('mnist-cnn'), { batches: 10 });
  const { images } = mnistSamples('t10k', 0, 2);
  const pixels = Float32Array.from(images, (v) => v / 255);
  afterAll(() => native.dispose());

  it('lists every node in plan order with its shape, and ends in predict()', () => {
    const nodes = native.activations(images);
    expect(nodes.map((n) => n.name)).toEqual(native.plan.nodes.map((n) => n.name));
    expect(nodes.map((n) => n.type)).toEqual(native.plan.nodes.map((n) => n.type));
    for (const [i, node] of nodes.entries()) {
      expect(node.shape).toEqual(native.plan.nodes[i]?.outputShape);
      expect(node.values.length).toBe(2 * node.shape.reduce((a, b) => a * b, 1));
    }
    // The input, as the core read it (uint8 x 1/255 in float32).
    expect(relativeError(nodes[0]?.values as Float32Array, pixels)).toBeLessThan(1e-6);
    const output = nodes[native.plan.outputIndex]?.values as Float32Array;
    expect(relativeError(output, native.predict(images))).toBeLessThan(TOLERANCE);
  });

  it("gives the first Conv2D's output as a plain convolution computes it", () => {
    const conv = native.activations(images.subarray(784, 1568))[1];
    expect(conv?.type).toBe('Conv2D');
    const weights = native.getWeights();
    const name = conv?.name as string;
    const expected = conv2dRelu(
      pixels.subarray(784),
      [28, 28, 1],
      weights[`${name}/kernel`] as Float32Array,
      weights[`${name}/bias`] as Float32Array,
      3,
    );
    expect(relativeError(conv?.values as Float32Array, expected)).toBeLessThan(TOLERANCE);
  });

  it('matches tfjs with the same weights at every node', () => {
    const reference = tfjsModel(native.plan, native.getWeights());
    // tfjs-reference splits a layer's activation off into `<name>_act`: the node's output is that layer's.
    const layerOf = (name: string) =>
      reference.layers.find((l) => l.name === `${name}_act`) ?? reference.getLayer(name);
    const layers = native.plan.nodes.slice(1).map((n) => layerOf(n.name));
    const probe = tf.model({
      inputs: reference.inputs,
      outputs: layers.map((l) => l.output as tf.SymbolicTensor),
    });
    const results = probe.predict(tf.tensor(pixels, [2, 28, 28, 1])) as tf.Tensor[];
    const nodes = native.activations(images).slice(1);
    for (const [i, node] of nodes.entries())
      expect(relativeError(node.values, results[i]?.dataSync() as Float32Array), node.name).toBeLessThan(
        1e-4,
      );
  });
});

describe('activations of a Dense model', () => {
  it("gives the Dense layer's output as a plain matrix product computes it", () => {
    const plan = compiledPlan(chain([3, 2], ['Flatten'], ['Dense', { units: 4, activation: 'relu' }]));
    const native = new NativeModel(plan, {}, { threads: 1 });
    const x = randomFloats(6, 7);
    const nodes = native.activations(x);
    const weights = native.getWeights();
    const kernel = weights['dense/kernel'] as Float32Array;
    const bias = weights['dense/bias'] as Float32Array;
    const expected = Float32Array.from({ length: 4 }, (_, u) => {
      let sum = bias[u] as number;
      for (let i = 0; i < 6; i++) sum += (x[i] as number) * (kernel[i * 4 + u] as number);
      return Math.max(0, sum);
    });
    expect(nodes.map((n) => [n.type, n.shape])).toEqual([
      ['InputLayer', [3, 2]],
      ['Flatten', [6]],
      ['Dense', [4]],
    ]);
    expect(nodes[1]?.values).toEqual(x); // a view: its input's values under its own shape
    expect(relativeError(nodes[2]?.values as Float32Array, expected)).toBeLessThan(TOLERANCE);
    native.dispose();
  });

  it('refuses more samples than it takes, and inputs that are not whole samples', () => {
    const native = new NativeModel(compiledPlan(chain([2], ['Dense', { units: 1 }])), {}, { threads: 1 });
    expect(() => native.activations(new Float32Array(2 * (MAX_ACTIVATION_SAMPLES + 1)))).toThrow(
      /at most 64 samples, got 65/,
    );
    expect(() => native.activations(new Float32Array(3))).toThrow(/whole samples of 2 values/);
    native.dispose();
  });
});
