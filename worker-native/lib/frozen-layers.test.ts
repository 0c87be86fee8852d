// Frozen layers (Keras `trainable = False`) in the native core: their weights do not change while
// training, gradients still flow through them to the layers before, a frozen BatchNormalization keeps
// to its moving statistics, and (as in Keras 3, which collects regularisation from trainable weights
// only) a frozen kernel's regulariser adds nothing to the loss.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../engine';
import { chain } from '../../engine/testing/graphs';
import { nativeModel, randomFloats, randomLabels } from '../test-support/models';

const BATCH = 8;
const x = randomFloats(BATCH * 6, 1);
const y = randomLabels(BATCH, 3, 2);

function freeze(g: Graph, ...ids: string[]): Graph {
  return { ...g, nodes: g.nodes.map((n) => (ids.includes(n.id) ? { ...n, trainable: false } : n)) };
}

// n1 trainable, n2 and n3 frozen in the tests, n4 the trainable output.
const model = chain(
  [6],
  ['Dense', { units: 5, activation: 'relu' }],
  ['Dense', { units: 4, kernel_regularizer: { l1: 0, l2: 0.05 } }],
  ['BatchNormalization'],
  ['Dense', { units: 3, activation: 'softmax' }],
);
const FROZEN = [
  'dense_1/kernel',
  'dense_1/bias',
  'batch_normalization/gamma',
  'batch_normalization/beta',
  'batch_normalization/moving_mean',
  'batch_normalization/moving_variance',
];
const TRAINED = ['dense/kernel', 'dense/bias', 'dense_2/kernel', 'dense_2/bias'];

describe('frozen layers in the native core', () => {
  it("leave a frozen layer's weights bit-identical through training while the others learn", () => {
    const m = nativeModel(freeze(model, 'n2', 'n3'), {
      seed: 3,
      optimizer: { type: 'adam', learning_rate: 0.01 },
    });
    // Moving statistics away from their initial zeros and ones, so that a stray update would show.
    m.setWeights({
      'batch_normalization/moving_mean': Float32Array.from([0.1, -0.2, 0.3, 0]),
      'batch_normalization/moving_variance': Float32Array.from([0.5, 2, 1.5, 1]),
    });
    const before = m.getWeights();
    for (let step = 0; step < 5; step++) m.trainBatch(x, y);
    const after = m.getWeights();
    for (const name of FROZEN) expect(after[name], name).toEqual(before[name]);
    for (const name of TRAINED) expect(after[name], name).not.toEqual(before[name]);
    expect(Object.keys(m.lastGradients()).sort()).toEqual([...TRAINED].sort());
    m.dispose();
  });

  it('pass the same input gradient back as when trainable: the layer before gets its full gradient', () => {
    const plain = chain(
      [6],
      ['Dense', { units: 5, activation: 'relu' }],
      ['Dense', { units: 4 }],
      ['Dense', { units: 3 }],
    );
    const frozen = nativeModel(freeze(plain, 'n2'), { seed: 5 });
    const trainable = nativeModel(plain, { seed: 5 });
    expect(frozen.getWeights()).toEqual(trainable.getWeights()); // the same initial weights
    const a = frozen.computeGradients(x, y, { training: true });
    const b = trainable.computeGradients(x, y, { training: true });
    expect(a.loss).toBe(b.loss);
    expect(a.gradients['dense/kernel']).toEqual(b.gradients['dense/kernel']);
    expect(a.gradients['dense_2/kernel']).toEqual(b.gradients['dense_2/kernel']);
    expect(a.gradients['dense_1/kernel']).toBeUndefined();
    expect(b.gradients['dense_1/kernel']).toBeDefined();
    frozen.dispose();
    trainable.dispose();
  });

  it('run a frozen BatchNormalization in inference mode while training', () => {
    const g = chain([6], ['Dense', { units: 4 }], ['BatchNormalization']);
    const moving = {
      'batch_normalization/moving_mean': Float32Array.from([0.3, -0.1, 0.2, 0.05]),
      'batch_normalization/moving_variance': Float32Array.from([0.4, 1.3, 2.2, 0.9]),
    };
    const frozen = nativeModel(freeze(g, 'n2'));
    const trainable = nativeModel(g);
    frozen.setWeights(moving);
    trainable.setWeights(moving);
    const inference = frozen.predict(x, { training: false });
    expect(frozen.predict(x, { training: true })).toEqual(inference);
    // Computed here from the moving statistics (gamma 1, beta 0, Keras' epsilon 0.001).
    const h = frozen.getWeights();
    const kernel = h['dense/kernel'] as Float32Array;
    const bias = h['dense/bias'] as Float32Array;
    for (let n = 0; n < BATCH; n++)
      for (let j = 0; j < 4; j++) {
        let z = bias[j] as number;
        for (let i = 0; i < 6; i++) z += (x[n * 6 + i] as number) * (kernel[i * 4 + j] as number);
        const mean = moving['batch_normalization/moving_mean'][j] as number;
        const variance = moving['batch_normalization/moving_variance'][j] as number;
        expect(inference[n * 4 + j]).toBeCloseTo((z - mean) / Math.sqrt(variance + 0.001), 5);
      }
    // A trainable one normalises with the batch's statistics instead.
    expect(trainable.predict(x, { training: true })).not.toEqual(trainable.predict(x, { training: false }));
    frozen.dispose();
    trainable.dispose();
  });

  it("add no regularisation loss for a frozen kernel (Keras 3's trainable_weights rule)", () => {
    const lossOf = (g: Graph) => {
      const m = nativeModel(g, { seed: 9 });
      const loss = m.computeGradients(x, y, { training: false }).loss;
      m.dispose();
      return loss;
    };
    const unregularised = chain(
      [6],
      ['Dense', { units: 5, activation: 'relu' }],
      ['Dense', { units: 4 }],
      ['BatchNormalization'],
      ['Dense', { units: 3, activation: 'softmax' }],
    );
    expect(lossOf(freeze(model, 'n2'))).toBe(lossOf(freeze(unregularised, 'n2')));
    expect(lossOf(model)).toBeGreaterThan(lossOf(unregularised));
  });

  it('record no weight statistics for a frozen layer, but still its output', () => {
    const m = nativeModel(freeze(model, 'n2', 'n3'), { seed: 3 });
    m.setStatsEvery(1);
    m.trainBatch(x, y);
    const stats = m.takeLayerStats();
    expect(stats?.nodes.map((n) => n.name)).toEqual(['dense', 'dense_1', 'batch_normalization', 'dense_2']);
    const weightNames = stats?.nodes.flatMap((n) => n.weights.map((w) => w.name));
    expect(weightNames?.sort()).toEqual([...TRAINED].sort());
    m.dispose();
  });
});
