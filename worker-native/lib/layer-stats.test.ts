// Per-layer statistics from the core checked against values computed here from getWeights(), predict()
// and computeGradients(): a hidden Dense layer's output recomputed by hand, weight and gradient norms,
// the update ratio from two weight snapshots, the output gradient of a fused softmax; the sampling
// interval; and the first non-finite layer under a divergent learning rate.
import { describe, expect, it } from 'vitest';
import { chain } from '../../engine/testing/graphs';
import { nativeModel, randomFloats, randomLabels } from '../test-support/models';
import type { NodeLayerStats } from './native-model';

const BATCH = 16;
const graph = () =>
  chain(
    [4, 4, 1],
    ['Flatten'],
    ['Dense', { units: 8, activation: 'relu' }],
    ['Dense', { units: 3, activation: 'softmax' }],
  );

const norm = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((s, v) => s + v * v, 0));
const distance = (a: Float32Array, b: Float32Array) => norm(a.map((v, i) => v - (b[i] as number)));
const meanStd = (values: number[]) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
};

describe('layer statistics against values computed in the test', () => {
  const model = nativeModel(graph(), { optimizer: { type: 'sgd', learning_rate: 0.1 } });
  const x = randomFloats(BATCH * 16, 7);
  const y = randomLabels(BATCH, 3, 8);
  // A non-zero bias, so every weight has an update ratio.
  model.setWeights({ 'dense/bias': randomFloats(8, 9), 'dense_1/bias': randomFloats(3, 10) });
  model.setStatsEvery(1);
  const before = model.getWeights();
  const probabilities = model.predict(x);
  const { gradients } = model.computeGradients(x, y);
  model.trainBatch(x, y);
  const after = model.getWeights();
  const stats = model.takeLayerStats();
  const node = (name: string) => stats?.nodes.find((n) => n.name === name) as NodeLayerStats;

  it('records the sampled step', () => {
    expect(stats?.step).toBe(1);
    expect(stats?.nodes.map((n) => n.name)).toEqual(['dense', 'dense_1']);
  });

  it('weights: norm before the update, gradient norm, and the update ratio of two snapshots', () => {
    for (const name of ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']) {
      const w = stats?.nodes.flatMap((n) => n.weights).find((v) => v.name === name);
      const old = before[name] as Float32Array;
      expect(w?.norm).toBeCloseTo(norm(old), 5);
      expect(w?.gradient_norm).toBeCloseTo(norm(gradients[name] as Float32Array), 5);
      expect(w?.update_ratio).toBeCloseTo(distance(after[name] as Float32Array, old) / norm(old), 5);
      // Plain SGD: the update is lr times the gradient.
      expect(w?.update_ratio).toBeCloseTo((0.1 * norm(gradients[name] as Float32Array)) / norm(old), 5);
    }
  });

  it("a hidden ReLU layer's output, recomputed from its weights", () => {
    const kernel = before['dense/kernel'] as Float32Array;
    const bias = before['dense/bias'] as Float32Array;
    const outputs: number[] = [];
    for (let s = 0; s < BATCH; s++)
      for (let u = 0; u < 8; u++) {
        let z = bias[u] as number;
        for (let i = 0; i < 16; i++) z += (x[s * 16 + i] as number) * (kernel[i * 8 + u] as number);
        outputs.push(Math.max(0, z));
      }
    const { mean, std } = meanStd(outputs);
    const dense = node('dense');
    expect(dense.output.mean).toBeCloseTo(mean, 5);
    expect(dense.output.std).toBeCloseTo(std, 5);
    expect(dense.output.zero_fraction).toBe(outputs.filter((v) => v === 0).length / outputs.length);
    expect(dense.output.zero_fraction).toBeGreaterThan(0);
    expect(dense.output.saturated_fraction).toBe(0); // ReLU does not saturate
  });

  it('the softmax output: statistics of the predictions and the gradient (p - onehot) / batch', () => {
    const values = Array.from(probabilities);
    const { mean, std } = meanStd(values);
    const out = node('dense_1');
    expect(out.output.mean).toBeCloseTo(mean, 6);
    expect(out.output.std).toBeCloseTo(std, 5);
    let confident = 0;
    for (let s = 0; s < BATCH; s++) confident += Math.max(...values.slice(s * 3, s * 3 + 3)) > 0.99 ? 1 : 0;
    expect(out.output.saturated_fraction).toBe(confident / BATCH);
    const grad = values.map((p, i) => (p - (i % 3 === y[Math.floor(i / 3)] ? 1 : 0)) / BATCH);
    expect(out.gradient_norm).toBeCloseTo(norm(grad), 5);
    expect(node('dense').gradient_norm).toBeGreaterThan(0);
  });

  it('a saturated softmax counts its confident rows', () => {
    const m = nativeModel(graph());
    m.setWeights({ 'dense_1/bias': Float32Array.of(50, 0, 0) }); // every row's top probability ~ 1
    m.setStatsEvery(1);
    m.trainBatch(x, y);
    expect(m.takeLayerStats()?.nodes[1]?.output.saturated_fraction).toBe(1);
    m.dispose();
  });
});

describe('sampling', () => {
  it('records on step % n == 0, clears on take, and records nothing when off', () => {
    const model = nativeModel(graph());
    const x = randomFloats(4 * 16, 1);
    const y = randomLabels(4, 3, 2);
    expect(model.takeLayerStats()).toBeNull();
    model.trainBatch(x, y);
    expect(model.takeLayerStats()).toBeNull(); // off by default
    model.setStatsEvery(3);
    const seen: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      model.trainBatch(x, y); // steps 1..6 taken before: sampled at 3 and 6
      seen.push(model.takeLayerStats()?.step ?? null);
    }
    expect(seen).toEqual([null, null, 4, null, null, 7]);
    model.setStatsEvery(0);
    model.trainBatch(x, y);
    expect(model.takeLayerStats()).toBeNull();
    expect(() => model.setStatsEvery(-1)).toThrow(/whole number of steps/);
    expect(() => model.setStatsEvery(1.5)).toThrow(/whole number of steps/);
    model.dispose();
  });
});

describe('the first non-finite layer', () => {
  it('is null while every value is finite', () => {
    const model = nativeModel(graph());
    model.trainBatch(randomFloats(4 * 16, 1), randomLabels(4, 3, 2));
    expect(model.firstNonFinite()).toBeNull();
    model.dispose();
  });

  it('names the first layer whose output holds a NaN under a divergent learning rate (SGD, lr 1e6)', () => {
    const model = nativeModel(
      chain(
        [4, 4, 1],
        ['Flatten'],
        ['Dense', { units: 8, activation: 'relu' }],
        ['Dense', { units: 8, activation: 'relu' }],
        ['Dense', { units: 3, activation: 'softmax' }],
      ),
      { optimizer: { type: 'sgd', learning_rate: 1e6 } },
    );
    model.setStatsEvery(1);
    const x = randomFloats(16 * 16, 1);
    const y = randomLabels(16, 3, 2);
    let loss = 0;
    for (let i = 0; i < 20 && Number.isFinite(loss); i++) loss = model.trainBatch(x, y).loss;
    expect(Number.isFinite(loss)).toBe(false);
    const origin = model.firstNonFinite();
    expect(origin).not.toBeNull();
    // The statistics of the same batch agree: every layer before the named one is finite, it is not.
    const layers = model.takeLayerStats()?.nodes ?? [];
    const index = layers.findIndex((l) => l.name === origin?.name);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(origin?.where).toBe('output');
    for (const layer of layers.slice(0, index)) expect(Number.isFinite(layer.output.mean)).toBe(true);
    expect(Number.isFinite(layers[index]?.output.mean)).toBe(false);
    model.dispose();
  });
});
