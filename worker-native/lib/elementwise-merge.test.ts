// Multiply, Subtract, Average, Maximum and Minimum in the native core: gradients against finite
// differences, and outputs and gradients against @tensorflow/tfjs (tf.layers.multiply, average, maximum,
// minimum; tfjs has no Subtract layer, so tf.sub stands in for it).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../engine';
import { graph } from '../../engine/testing/graphs';
import { finiteDifferenceMismatches } from '../test-support/finite-differences';
import { nativeModel, randomFloats, relativeError } from '../test-support/models';
import type { NativeModel } from './native-model';

const BATCH = 4;
const TYPES = ['Multiply', 'Subtract', 'Average', 'Maximum', 'Minimum'] as const;
type MergeType = (typeof TYPES)[number];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `branches` tanh Dense layers on one input, merged, then a linear Dense. */
function mergeGraph(type: MergeType, branches: number, input: number[] = [5]): Graph {
  const ids = Array.from({ length: branches }, (_, i) => `b${i}`);
  return graph(
    [
      ['in', 'InputLayer', { shape: input }],
      ...ids.map((id) => [id, 'Dense', { units: 4, activation: 'tanh' }] as const),
      ['m', type],
      ['out', 'Dense', { units: 3 }],
    ],
    [...ids.flatMap((id) => [`in->${id}`, `${id}->m`]), 'm->out'],
  );
}

const CASES = TYPES.flatMap((type) =>
  (type === 'Subtract' ? [2] : [2, 3]).map((branches) => ({ type, branches })),
);

describe('elementwise merges: gradients match finite differences', () => {
  it.each(CASES)('$type of $branches inputs', ({ type, branches }) => {
    const model = nativeModel(mergeGraph(type, branches), { loss: 'mean_squared_error' });
    try {
      const x = randomFloats(BATCH * model.inputSize, 7);
      const y = randomFloats(BATCH * model.outputSize, 11);
      // Maximum/Minimum: random tanh values are far apart next to h = 1e-3, so no tie is crossed.
      expect(finiteDifferenceMismatches(model, x, y, { training: true, h: 1e-3 })).toEqual([]);
    } finally {
      model.dispose();
    }
  });

  it.each(TYPES)('%s of one branch with itself sums both gradients (x * x, x - x, ...)', (type) => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['b', 'Dense', { units: 3, activation: 'tanh' }],
        ['m', type],
        ['out', 'Dense', { units: 2 }],
      ],
      ['in->b', 'b->m', 'b->m', 'm->out'],
    );
    const model = nativeModel(g, { loss: 'mean_squared_error' });
    try {
      const x = randomFloats(BATCH * 4, 8);
      const y = randomFloats(BATCH * 2, 9);
      expect(finiteDifferenceMismatches(model, x, y, { training: true, h: 1e-3 })).toEqual([]);
    } finally {
      model.dispose();
    }
  });

  it('Maximum and Minimum send the gradient at each position to the one input they took', () => {
    // Same seed, so the same initial weights: Maximum takes at each position the branch Minimum leaves.
    const [maximum, minimum] = (['Maximum', 'Minimum'] as const).map((t) =>
      nativeModel(mergeGraph(t, 2, [3]), { loss: 'mean_squared_error' }),
    ) as [NativeModel, NativeModel];
    try {
      const x = randomFloats(3, 2); // one sample: a bias gradient entry is one position's gradient
      const y = randomFloats(3, 3);
      const [max, min] = [maximum, minimum].map((m) => m.computeGradients(x, y).gradients);
      const taken = (g: Record<string, Float32Array> | undefined, name: string) =>
        Array.from(g?.[name] ?? [], (v) => v !== 0);
      const [max0, max1, min0] = [
        taken(max, 'dense/bias'),
        taken(max, 'dense_1/bias'),
        taken(min, 'dense/bias'),
      ];
      expect(max0).toHaveLength(4);
      expect(max0.map((t, j) => t !== max1[j])).toEqual([true, true, true, true]);
      expect(min0).toEqual(max1);
    } finally {
      maximum.dispose();
      minimum.dispose();
    }
  });
});

type Weights = Record<string, Float32Array>;

/** The same model in tfjs ops, with tf.layers' merge layers applied eagerly. */
function referenceForward(type: MergeType, branches: number, x: tf.Tensor2D, w: Record<string, tf.Tensor>) {
  const dense = (name: string, input: tf.Tensor) =>
    tf.add(
      tf.matMul(input as tf.Tensor2D, w[`${name}/kernel`] as tf.Tensor2D),
      w[`${name}/bias`] as tf.Tensor,
    );
  const names = ['dense', ...Array.from({ length: branches - 1 }, (_, i) => `dense_${i + 1}`)];
  const hidden = names.map((n) => tf.tanh(dense(n, x)));
  const layers: Record<Exclude<MergeType, 'Subtract'>, () => tf.layers.Layer> = {
    Multiply: () => tf.layers.multiply(),
    Average: () => tf.layers.average(),
    Maximum: () => tf.layers.maximum(),
    Minimum: () => tf.layers.minimum(),
  };
  const merged =
    type === 'Subtract'
      ? tf.sub(hidden[0] as tf.Tensor, hidden[1] as tf.Tensor)
      : (layers[type]().apply(hidden) as tf.Tensor);
  return dense(`dense_${branches}`, merged);
}

describe('elementwise merges: parity with TensorFlow.js (1e-4)', () => {
  it.each(CASES)('$type of $branches inputs: outputs, loss and gradients', ({ type, branches }) => {
    const native = nativeModel(mergeGraph(type, branches), { loss: 'mean_squared_error' }, 2);
    try {
      let seed = 40;
      const weights: Weights = {};
      for (const w of native.plan.nodes.flatMap((n) => n.weights))
        weights[w.name] = randomFloats(w.size, seed++, -0.8, 0.8);
      native.setWeights(weights);
      const x = randomFloats(BATCH * native.inputSize, 3);
      const target = randomFloats(BATCH * native.outputSize, 5);

      const shapes = new Map(native.plan.nodes.flatMap((n) => n.weights).map((w) => [w.name, w.shape]));
      const vars = Object.fromEntries(
        Object.entries(weights).map(([k, v]) => [k, tf.variable(tf.tensor(v, [...(shapes.get(k) ?? [])]))]),
      );
      const xt = tf.tensor2d(x, [BATCH, native.inputSize]);
      const yt = tf.tensor2d(target, [BATCH, native.outputSize]);
      const expected = referenceForward(type, branches, xt, vars).dataSync() as Float32Array;
      const outputError = relativeError(native.predict(x), expected);
      console.log(`${type} of ${branches}: output relative error vs tfjs ${outputError.toExponential(2)}`);
      expect(outputError, 'outputs').toBeLessThan(1e-4);

      const { value, grads } = tf.variableGrads(() =>
        tf.mean(tf.square(tf.sub(referenceForward(type, branches, xt, vars), yt))),
      );
      const result = native.computeGradients(x, target, { training: false });
      expect(relativeError(Float32Array.of(result.loss), value.dataSync() as Float32Array)).toBeLessThan(
        1e-4,
      );
      for (const [name, variable] of Object.entries(vars)) {
        const reference = grads[variable.name]?.dataSync() as Float32Array;
        expect(relativeError(result.gradients[name] as Float32Array, reference), name).toBeLessThan(1e-4);
      }
      tf.dispose([...Object.values(vars), xt, yt, value, ...Object.values(grads)]);
    } finally {
      native.dispose();
    }
  });
});
