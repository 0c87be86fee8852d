// SpatialDropout2D, GaussianNoise and ActivityRegularization in the native core: identity at inference,
// gradients against finite differences, and the statistics of their randomness while training (the
// fraction of dropped channels, that a channel drops as a whole, the noise's mean and spread, fresh
// draws per step, the same draws for the same seed). ActivityRegularization's loss term is checked
// against Keras 3's formula: l1 * sum|x| + l2 * sum x², summed over the batch (not divided by its size).
// tfjs has GaussianNoise (compared at inference), but no SpatialDropout2D (only 1D) and no
// ActivityRegularization layer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { finiteDifferenceMismatches } from '../test-support/finite-differences';
import { nativeModel, randomFloats } from '../test-support/models';
import type { NativeModel } from './native-model';

const mse: TrainingConfigInput = { loss: 'mean_squared_error' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function withModel<T>(input: number[], layers: LayerSpec[], use: (m: NativeModel) => T, seed = 42): T {
  const model = nativeModel(chain(input, ...layers), { ...mse, seed });
  try {
    return use(model);
  } finally {
    model.dispose();
  }
}

const LAYERS: { name: string; layer: LayerSpec; input: number[] }[] = [
  { name: 'SpatialDropout2D', layer: ['SpatialDropout2D', { rate: 0.4 }], input: [3, 3, 4] },
  { name: 'GaussianNoise', layer: ['GaussianNoise', { stddev: 0.3 }], input: [6] },
  { name: 'ActivityRegularization', layer: ['ActivityRegularization', { l1: 0.01, l2: 0.02 }], input: [6] },
];

describe('identity at inference', () => {
  it.each(LAYERS)('$name passes its input through unchanged', ({ layer, input }) => {
    withModel(input, [layer], (model) => {
      const x = randomFloats(8 * model.inputSize, 1);
      expect(model.predict(x, { training: false })).toEqual(x);
    });
  });
});

describe('gradients match finite differences', () => {
  it.each(LAYERS.flatMap((c) => [true, false].map((training) => ({ ...c, training }))))(
    '$name (training: $training)',
    ({ layer, input, training }) => {
      const image = input.length === 3;
      const before: LayerSpec = image
        ? ['Conv2D', { filters: 4, kernel_size: 1, activation: 'tanh' }]
        : ['Dense', { units: 5, activation: 'tanh' }];
      const after: LayerSpec[] = image ? [['Flatten'], ['Dense', { units: 3 }]] : [['Dense', { units: 3 }]];
      withModel(input, [before, layer, ...after], (model) => {
        const x = randomFloats(3 * model.inputSize, 7);
        const y = randomFloats(3 * model.outputSize, 11);
        // The mask and the noise depend on the step only, which computeGradients does not advance.
        expect(finiteDifferenceMismatches(model, x, y, { training, h: 1e-3 })).toEqual([]);
      });
    },
  );
});

describe('SpatialDropout2D while training', () => {
  const [H, W, C, BATCH, RATE] = [5, 4, 8, 256, 0.3];
  const ones = new Float32Array(BATCH * H * W * C).fill(1);
  const masks = (out: Float32Array) =>
    Array.from({ length: BATCH * C }, (_, k) => {
      const [b, c] = [Math.floor(k / C), k % C];
      return Array.from({ length: H * W }, (_, s) => out[(b * H * W + s) * C + c] as number);
    });

  it('drops whole channels, about `rate` of them, and scales the rest by 1 / (1 - rate)', () => {
    withModel([H, W, C], [['SpatialDropout2D', { rate: RATE }]], (model) => {
      const channels = masks(model.predict(ones, { training: true, batchSize: BATCH }));
      const kept = Math.fround(1 / Math.fround(1 - RATE));
      // Every position of a channel shares its fate: all zero or all scaled.
      for (const values of channels) expect(new Set(values).size).toBe(1);
      expect(new Set(channels.map((v) => v[0]))).toEqual(new Set([0, kept]));
      // 2048 Bernoulli(0.3) draws: standard deviation 0.010, so ±0.05 fails only for a broken mask.
      const dropped = channels.filter((v) => v[0] === 0).length / channels.length;
      expect(Math.abs(dropped - RATE)).toBeLessThan(0.05);
      // Samples get their own masks: ~110 distinct patterns of 8 channels are expected; one mask
      // shared by the batch would give 1.
      const perSample = new Set(
        Array.from({ length: BATCH }, (_, b) =>
          channels
            .slice(b * C, (b + 1) * C)
            .map((v) => v[0])
            .join(),
        ),
      );
      expect(perSample.size).toBeGreaterThan(50);
    });
  });

  it('draws a fresh mask each training step, and the same masks for the same seed', () => {
    const layers: LayerSpec[] = [
      ['SpatialDropout2D', { rate: RATE }],
      ['Dense', { units: 2 }],
    ];
    const maskOf = (model: NativeModel) => model.predict(ones, { training: true, batchSize: BATCH }).join();
    const run = (seed: number) =>
      withModel(
        [H, W, C],
        layers,
        (model) => {
          const first = maskOf(model);
          model.trainBatch(ones, new Float32Array(BATCH * H * W * 2));
          return [first, maskOf(model)];
        },
        seed,
      );
    const [a1, a2] = run(5);
    const [b1, b2] = run(5);
    const [c1] = run(6);
    expect(a1).not.toEqual(a2);
    expect([b1, b2]).toEqual([a1, a2]);
    expect(c1).not.toEqual(a1);
  });

  it("the layer's own seed replaces the training seed", () => {
    const maskWith = (layerSeed: number | null, trainingSeed: number) =>
      withModel(
        [H, W, C],
        [['SpatialDropout2D', { rate: RATE, seed: layerSeed }]],
        (model) => model.predict(ones, { training: true, batchSize: BATCH }).join(),
        trainingSeed,
      );
    expect(maskWith(3, 1)).toEqual(maskWith(3, 2));
    expect(maskWith(3, 1)).not.toEqual(maskWith(4, 1));
    expect(maskWith(null, 1)).not.toEqual(maskWith(null, 2));
  });
});

describe('GaussianNoise while training', () => {
  const [SIZE, BATCH, STDDEV] = [100, 100, 0.5];

  it('adds noise of mean 0 and standard deviation stddev, independent of the input', () => {
    withModel([SIZE], [['GaussianNoise', { stddev: STDDEV }]], (model) => {
      const zeros = new Float32Array(SIZE * BATCH);
      const noise = model.predict(zeros, { training: true, batchSize: BATCH });
      const n = noise.length;
      const mean = noise.reduce((s, v) => s + v, 0) / n;
      const std = Math.sqrt(noise.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
      const withinOne = noise.filter((v) => Math.abs(v) < STDDEV).length / n;
      // 10,000 draws: the mean's standard error is 0.005, the standard deviation's 0.0035.
      expect(Math.abs(mean)).toBeLessThan(0.025);
      expect(Math.abs(std - STDDEV)).toBeLessThan(0.02);
      expect(Math.abs(withinOne - 0.6827)).toBeLessThan(0.025); // normal, not uniform (0.577 for it)
      const x = randomFloats(SIZE * BATCH, 4);
      const y = model.predict(x, { training: true, batchSize: BATCH });
      expect(
        Math.max(...y.map((v, i) => Math.abs(v - (x[i] as number) - (noise[i] as number)))),
      ).toBeLessThan(1e-6);
    });
  });

  it("draws from the layer's own seed when set, whatever the training seed", () => {
    const noise = (seed: number | null, trainingSeed: number) =>
      withModel(
        [SIZE],
        [['GaussianNoise', { stddev: STDDEV, seed }]],
        (model) => model.predict(new Float32Array(SIZE), { training: true }).join(),
        trainingSeed,
      );
    expect(noise(9, 1)).toEqual(noise(9, 2));
    expect(noise(9, 1)).not.toEqual(noise(10, 1));
    expect(noise(null, 1)).not.toEqual(noise(null, 2));
  });

  it('matches tf.layers.gaussianNoise at inference (identity)', () => {
    withModel(
      [SIZE],
      [
        ['Dense', { units: 7 }],
        ['GaussianNoise', { stddev: STDDEV }],
      ],
      (model) => {
        const x = randomFloats(4 * SIZE, 9);
        const w = model.getWeights();
        const dense = tf.add(
          tf.matMul(tf.tensor2d(x, [4, SIZE]), tf.tensor2d(w['dense/kernel'] as Float32Array, [SIZE, 7])),
          tf.tensor1d(w['dense/bias'] as Float32Array),
        );
        const expected = tf.layers
          .gaussianNoise({ stddev: STDDEV })
          .apply(dense, { training: false }) as tf.Tensor;
        const actual = model.predict(x, { training: false });
        const diff = Math.max(...actual.map((v, i) => Math.abs(v - (expected.dataSync()[i] as number))));
        expect(diff).toBeLessThan(1e-5);
      },
    );
  });
});

describe('ActivityRegularization loss', () => {
  const [L1, L2, SIZE] = [0.01, 0.02, 6];

  /** Keras 3: mean squared error + l1 * sum|x| + l2 * sum x² over the batch's activations x. */
  function kerasLoss(x: Float32Array, target: Float32Array) {
    const mean = x.reduce((s, v, i) => s + (v - (target[i] as number)) ** 2, 0) / x.length;
    return mean + L1 * x.reduce((s, v) => s + Math.abs(v), 0) + L2 * x.reduce((s, v) => s + v * v, 0);
  }

  it.each([3, 6])(
    'adds l1 * sum|x| + l2 * sum x² of a batch of %i to the loss, in training and evaluation',
    (batch) => {
      withModel([SIZE], [['ActivityRegularization', { l1: L1, l2: L2 }]], (model) => {
        const x = randomFloats(batch * SIZE, 12);
        const target = randomFloats(batch * SIZE, 13);
        const expected = kerasLoss(x, target);
        expect(model.computeGradients(x, target, { training: true }).loss).toBeCloseTo(expected, 5);
        expect(model.evaluate(x, target, batch).loss).toBeCloseTo(expected, 5);
      });
    },
  );

  it('evaluates in batches as Keras does: each batch its own term, averaged by batch size', () => {
    withModel([SIZE], [['ActivityRegularization', { l1: L1, l2: L2 }]], (model) => {
      const x = randomFloats(5 * SIZE, 14);
      const target = randomFloats(5 * SIZE, 15);
      const part = (from: number, to: number) =>
        kerasLoss(x.subarray(from * SIZE, to * SIZE), target.subarray(from * SIZE, to * SIZE));
      const expected = (3 * part(0, 3) + 2 * part(3, 5)) / 5;
      expect(model.evaluate(x, target, 3).loss).toBeCloseTo(expected, 5);
      expect(model.evaluate(x, target, 3).loss).not.toBeCloseTo(part(0, 5), 3);
    });
  });

  it('sums over the batch: the same samples twice double the term, not the mean loss', () => {
    withModel([SIZE], [['ActivityRegularization', { l1: L1, l2: L2 }]], (model) => {
      const x = randomFloats(3 * SIZE, 12);
      const doubled = Float32Array.from([...x, ...x]);
      const loss = (v: Float32Array) => model.computeGradients(v, v).loss; // target = x: MSE is 0
      expect(loss(x)).toBeGreaterThan(0);
      expect(loss(doubled)).toBeCloseTo(2 * loss(x), 5);
    });
  });
});
