// The activation layers in the native core: backward against central finite differences (inputs kept
// away from the kinks), forward against @tensorflow/tfjs' own layers (tf.layers.reLU, leakyReLU, elu,
// softmax, prelu) and against Keras 3's ReLU formula, and a Softmax layer output with sparse categorical
// cross-entropy next to Dense(activation='softmax'): the loss folds it in, so gradients and losses agree.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { nativeModel, random, randomFloats, randomLabels } from '../test-support/models';
import { mnistSamples } from '../test-support/trained-mnist';
import type { NativeModel, Targets } from './native-model';

const BATCH = 3;
const H = 1e-3;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Values in [-1.5, 1.5] at least `gap` away from every kink. */
function awayFrom(kinks: readonly number[], n: number, seed: number, gap = 0.05): Float32Array {
  const next = random(seed);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    do v = -1.5 + 3 * next();
    while (kinks.some((k) => Math.abs(v - k) < gap));
    values[i] = v;
  }
  return values;
}

/** Finite-difference check of every weight entry (up to 24 per tensor) and every input entry. */
function gradientFailures(model: NativeModel, x: Float32Array, y: Targets): string[] {
  const analytic = model.computeGradients(x, y, { training: true });
  const lossAt = () => model.computeGradients(x, y, { training: true }).loss;
  const failures: string[] = [];
  const compare = (label: string, numeric: number, exact: number) => {
    const scale = Math.max(Math.abs(numeric), Math.abs(exact), 1e-2);
    if (Math.abs(numeric - exact) / scale > 1e-2)
      failures.push(`${label}: numeric ${numeric.toExponential(4)} vs analytic ${exact.toExponential(4)}`);
  };
  const probe = (values: Float32Array, set: () => void, label: string, exact: ArrayLike<number>) => {
    const stride = Math.max(1, Math.floor(values.length / 24));
    for (let i = 0; i < values.length; i += stride) {
      const original = values[i] as number;
      values[i] = original + H;
      set();
      const up = lossAt();
      values[i] = original - H;
      set();
      const down = lossAt();
      values[i] = original;
      set();
      compare(`${label}[${i}]`, (up - down) / (2 * H), exact[i] as number);
    }
  };
  const weights = model.getWeights();
  for (const [name, gradient] of Object.entries(analytic.gradients)) {
    const values = weights[name] as Float32Array;
    probe(values, () => model.setWeights({ [name]: values }), name, gradient);
  }
  probe(x, () => undefined, 'input', analytic.inputGradient);
  return failures;
}

interface GradientCase {
  name: string;
  input: number[];
  layers: LayerSpec[];
  /** Where the layer's derivative jumps: inputs stay away from these. */
  kinks?: number[];
  config?: TrainingConfigInput;
}

const mse: TrainingConfigInput = { loss: 'mean_squared_error' };

const gradientCases: GradientCase[] = [
  { name: 'ReLU', input: [2, 3, 2], layers: [['ReLU']], kinks: [0] },
  { name: 'ReLU capped', input: [8], layers: [['ReLU', { max_value: 0.6 }]], kinks: [0, 0.6] },
  {
    name: 'ReLU with threshold, leak and cap',
    input: [10],
    layers: [['ReLU', { max_value: 0.8, negative_slope: 0.2, threshold: 0.3 }]],
    kinks: [0, 0.3, 0.8],
  },
  {
    name: 'ReLU with a negative threshold and a cap',
    input: [10],
    layers: [['ReLU', { max_value: 1, negative_slope: 0.4, threshold: -0.5 }]],
    kinks: [-0.5, 0, 1],
  },
  { name: 'LeakyReLU', input: [3, 4], layers: [['LeakyReLU', { negative_slope: 0.25 }]], kinks: [0] },
  { name: 'ELU', input: [3, 4], layers: [['ELU', { alpha: 0.7 }]], kinks: [0] },
  { name: 'Softmax (last axis)', input: [2, 5], layers: [['Softmax']] },
  { name: 'Softmax axis 1 of an image', input: [3, 2, 2], layers: [['Softmax', { axis: 1 }]] },
  { name: 'Softmax axis 2 of an image', input: [2, 3, 2], layers: [['Softmax', { axis: 2 }]] },
  {
    name: 'Softmax output with sparse categorical cross-entropy',
    input: [6],
    layers: [['Softmax']],
    config: { loss: 'sparse_categorical_crossentropy' },
  },
  { name: 'PReLU', input: [2, 3, 2], layers: [['PReLU']], kinks: [0] },
  {
    name: 'PReLU shared over height and width',
    input: [2, 3, 2],
    layers: [['PReLU', { shared_axes: [1, 2] }]],
    kinks: [0],
  },
  {
    name: 'PReLU shared over channels',
    input: [2, 3, 2],
    layers: [['PReLU', { shared_axes: [3] }]],
    kinks: [0],
  },
];

function targetsFor(model: NativeModel, config: TrainingConfigInput): Targets {
  return config.loss === 'sparse_categorical_crossentropy'
    ? randomLabels(BATCH, model.outputSize, 11)
    : randomFloats(BATCH * model.outputSize, 11, 0.05, 0.95);
}

describe('activation layers: gradients match finite differences', () => {
  it.each(gradientCases)('$name', ({ input, layers, kinks = [], config = mse }) => {
    const model = nativeModel(chain(input, ...layers), config);
    try {
      // PReLU slopes start at zero: give them values so both halves of the gradient are exercised.
      for (const w of model.plan.nodes.flatMap((n) => n.weights))
        model.setWeights({ [w.name]: randomFloats(w.size, 5, 0.1, 0.6) });
      const x = awayFrom(kinks, BATCH * model.inputSize, 7);
      expect(gradientFailures(model, x, targetsFor(model, config))).toEqual([]);
    } finally {
      model.dispose();
    }
  });

  it('a Dense before PReLU gets its kernel gradient through the slopes', () => {
    const model = nativeModel(chain([4], ['Dense', { units: 5 }], ['PReLU']), mse);
    try {
      model.setWeights({ 'p_re_lu/alpha': randomFloats(5, 5, 0.1, 0.6) });
      expect(gradientFailures(model, randomFloats(BATCH * 4, 7), targetsFor(model, mse))).toEqual([]);
    } finally {
      model.dispose();
    }
  });
});

interface ParityCase {
  name: string;
  input: number[];
  layer: LayerSpec;
  reference: () => tf.layers.Layer;
}

const parityCases: ParityCase[] = [
  { name: 'ReLU', input: [3, 4, 2], layer: ['ReLU'], reference: () => tf.layers.reLU() },
  {
    name: 'ReLU max_value 0.6',
    input: [3, 4, 2],
    layer: ['ReLU', { max_value: 0.6 }],
    reference: () => tf.layers.reLU({ maxValue: 0.6 }),
  },
  // Both default to a slope of 0.3.
  { name: 'LeakyReLU default', input: [7], layer: ['LeakyReLU'], reference: () => tf.layers.leakyReLU() },
  {
    name: 'LeakyReLU 0.05',
    input: [3, 4, 2],
    layer: ['LeakyReLU', { negative_slope: 0.05 }],
    reference: () => tf.layers.leakyReLU({ alpha: 0.05 }),
  },
  { name: 'ELU default', input: [7], layer: ['ELU'], reference: () => tf.layers.elu() },
  { name: 'Softmax', input: [7], layer: ['Softmax'], reference: () => tf.layers.softmax() },
  ...[-1, 3].map((axis) => ({
    name: `Softmax axis ${axis} of an image`,
    input: [3, 4, 2],
    layer: ['Softmax', { axis }] as LayerSpec,
    reference: () => tf.layers.softmax({ axis }),
  })),
  { name: 'PReLU', input: [3, 4, 2], layer: ['PReLU'], reference: () => tf.layers.prelu() },
  {
    name: 'PReLU shared_axes [1, 2]',
    input: [3, 4, 2],
    layer: ['PReLU', { shared_axes: [1, 2] }],
    reference: () => tf.layers.prelu({ sharedAxes: [1, 2] }),
  },
  {
    name: 'PReLU on a vector',
    input: [7],
    layer: ['PReLU'],
    reference: () => tf.layers.prelu(),
  },
];

// tfjs 4.22 refuses ELU with alpha other than 1 and Softmax on any axis but the last: those settings
// are checked against the same formulas written with tfjs ops.
const opCases: { name: string; input: number[]; layer: LayerSpec; reference: (x: tf.Tensor) => tf.Tensor }[] =
  [
    {
      name: 'ELU alpha 0.4 (tf.where, tf.expm1)',
      input: [3, 4, 2],
      layer: ['ELU', { alpha: 0.4 }],
      reference: (x) => tf.where(tf.greater(x, 0), x, tf.mul(0.4, tf.sub(tf.exp(x), 1))),
    },
    ...[1, 2].map((axis) => ({
      name: `Softmax axis ${axis} of an image (tf.exp / tf.sum)`,
      input: [3, 4, 2],
      layer: ['Softmax', { axis }] as LayerSpec,
      reference: (x: tf.Tensor) => {
        const e = tf.exp(tf.sub(x, tf.max(x, axis, true)));
        return tf.div(e, tf.sum(e, axis, true));
      },
    })),
  ];

function expectForwardParity(
  input: number[],
  layer: LayerSpec,
  reference: (x: tf.Tensor) => tf.Tensor,
  setAlpha?: (values: Float32Array, shape: number[]) => void,
) {
  const native = nativeModel(chain(input, layer));
  try {
    const [alpha] = native.plan.nodes.flatMap((n) => n.weights);
    if (alpha !== undefined) {
      const values = randomFloats(alpha.size, 5, -0.5, 0.8);
      native.setWeights({ [alpha.name]: values });
      setAlpha?.(values, [...alpha.shape]);
    }
    const count = 16;
    const x = randomFloats(count * native.inputSize, 3, -2, 2);
    const expected = tf.tidy(() => reference(tf.tensor(x, [count, ...input])).dataSync());
    const actual = native.predict(x);
    expect(actual.length).toBe(expected.length);
    return actual.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
  } finally {
    native.dispose();
  }
}

describe('activation layers: forward parity with @tensorflow/tfjs (≤ 1e-4)', () => {
  it.each(opCases)('$name', ({ input, layer, reference }) => {
    expect(expectForwardParity(input, layer, reference)).toBeLessThanOrEqual(1e-4);
  });

  it.each(parityCases)('$name (tf.layers)', ({ input, layer, reference }) => {
    const tfLayer = reference();
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: input }), tfLayer] });
    try {
      const diff = expectForwardParity(
        input,
        layer,
        (x) => model.predict(x) as tf.Tensor,
        (values, shape) => tfLayer.setWeights([tf.tensor(values, shape)]),
      );
      console.log(
        `${String(layer[0])} ${JSON.stringify(layer[1] ?? {})}: max |native - tfjs| = ${diff.toExponential(2)}`,
      );
      expect(diff).toBeLessThanOrEqual(1e-4);
    } finally {
      model.dispose();
    }
  });
});

/** keras.layers.ReLU as Keras 3 computes it (keras/src/layers/activations/relu.py, static_call). */
function kerasRelu(x: number, maxValue: number | null, negativeSlope: number, threshold: number): number {
  const negativePart = negativeSlope !== 0 ? Math.max(threshold - x, 0) : 0;
  let y = threshold !== 0 ? x * (x > threshold ? 1 : 0) : Math.max(x, 0);
  if (maxValue !== null) y = Math.min(Math.max(y, 0), maxValue);
  return y - negativeSlope * negativePart;
}

describe("ReLU computes Keras 3's formula (tfjs' ReLU has only max_value)", () => {
  it.each([
    [null, 0.2, 0.3],
    [0.8, 0.2, 0.3],
    [1, 0.4, -0.5],
    [0.4, 0.1, 0.7],
    [6, 0, 0],
    [null, 0, -0.2],
  ])('max_value %s, negative_slope %s, threshold %s', (max_value, negative_slope, threshold) => {
    const native = nativeModel(chain([40], ['ReLU', { max_value, negative_slope, threshold }]));
    try {
      const x = randomFloats(40, 9, -2, 2);
      const actual = native.predict(x);
      const expected = Array.from(x, (v) => kerasRelu(v, max_value, negative_slope, threshold));
      expect(Math.max(...expected.map((e, i) => Math.abs(e - (actual[i] as number))))).toBeLessThan(1e-6);
    } finally {
      native.dispose();
    }
  });
});

describe('a Softmax layer as the output trains like Dense(activation=softmax)', () => {
  // The loss folds the softmax in and reads the logits: a confidently wrong sample (logit gap 40, its
  // probability below the 1e-7 clip) still gets the full gradient p - onehot instead of none.
  it.each([1, 10, 40])('gets the gradient Dense(softmax) gets at logit gap %s', (gap) => {
    const config: TrainingConfigInput = { loss: 'sparse_categorical_crossentropy' };
    const dense = { units: 3, use_bias: false };
    const layer = nativeModel(chain([3], ['Dense', dense], ['Softmax']), config);
    const fused = nativeModel(chain([3], ['Dense', { ...dense, activation: 'softmax' }]), config);
    try {
      const kernel = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1], (v) => v * gap);
      const [x, y] = [Float32Array.of(1, 0, 0), Int32Array.of(2)];
      const [a, b] = [layer, fused].map((m) => {
        m.setWeights({ 'dense/kernel': kernel });
        return m.computeGradients(x, y);
      });
      expect(a!.loss).toBeCloseTo(b!.loss, 4);
      expect(Array.from(a!.gradients['dense/kernel']!)).toEqual(Array.from(b!.gradients['dense/kernel']!));
      expect(b!.gradients['dense/kernel']![2]).toBeLessThan(-0.5);
    } finally {
      layer.dispose();
      fused.dispose();
    }
  });

  it('gives the same losses over 40 MNIST batches', () => {
    const hidden = ['Dense', { units: 32, activation: 'relu' }] as const;
    const layer = nativeModel(chain([28, 28, 1], ['Flatten'], hidden, ['Dense', { units: 10 }], ['Softmax']));
    const dense = nativeModel(
      chain([28, 28, 1], ['Flatten'], hidden, ['Dense', { units: 10, activation: 'softmax' }]),
    );
    try {
      const { images, labels } = mnistSamples('train', 0, 40 * 32);
      const losses = (m: NativeModel) =>
        Array.from(
          { length: 40 },
          (_, b) =>
            m.trainBatch(
              images.subarray(b * 32 * 784, (b + 1) * 32 * 784),
              labels.subarray(b * 32, (b + 1) * 32),
            ).loss,
        );
      const [a, b] = [losses(layer), losses(dense)];
      expect(a.at(-1)).toBeLessThan((a[0] as number) * 0.6); // it learns
      const diff = Math.max(...a.map((l, i) => Math.abs(l - (b[i] as number))));
      console.log(
        `Softmax layer vs Dense softmax: max loss difference ${diff.toExponential(2)} over 40 batches`,
      );
      expect(diff).toBeLessThan(1e-4);
    } finally {
      layer.dispose();
      dense.dispose();
    }
  });
});
