// Changing a live model between batches (issue 17): the learning rate (the optimizer's state kept, a
// schedule going on from its step count), the optimizer (its state from zero, as a fresh model's), and a
// Dropout-family layer's rate (as if the model had been built with it). Each is checked against an
// independent computation or a freshly built model, and against the run without the change.
import { describe, expect, it } from 'vitest';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain } from '../../engine/testing/graphs';
import { nativeModel, randomFloats, randomLabels } from '../test-support/models';
import type { NativeModel } from './native-model';

const mlp = (dropout = 0.5) =>
  chain(
    [6],
    ['Dense', { units: 8, activation: 'relu' }],
    ['Dropout', { rate: dropout }],
    ['Dense', { units: 3, activation: 'softmax' }],
  );
const x = randomFloats(8 * 6, 1);
const y = randomLabels(8, 3, 2);

function withModel<T>(config: TrainingConfigInput, use: (m: NativeModel) => T, dropout = 0.5): T {
  const model = nativeModel(mlp(dropout), config);
  try {
    return use(model);
  } finally {
    model.dispose();
  }
}

const train = (model: NativeModel, steps: number) => {
  for (let i = 0; i < steps; i++) model.trainBatch(x, y);
};
const sameWeights = (a: Record<string, Float32Array>, b: Record<string, Float32Array>) =>
  Object.keys(a).every(
    (name) => Buffer.compare(Buffer.from(a[name]!.buffer), Buffer.from(b[name]!.buffer)) === 0,
  );

describe('setLearningRate', () => {
  it('keeps the optimizer state: changed and changed back, the run is the unchanged run bit for bit', () => {
    const adam = { optimizer: { type: 'adam', learning_rate: 0.01 } } as const;
    const plain = withModel(adam, (m) => (train(m, 6), m.getWeights()));
    const detoured = withModel(adam, (m) => {
      train(m, 3);
      m.setLearningRate(0.5);
      m.setLearningRate(0.01);
      train(m, 3);
      return m.getWeights();
    });
    const changed = withModel(adam, (m) => {
      train(m, 3);
      m.setLearningRate(0.003);
      expect(m.config.optimizer).toMatchObject({ type: 'adam', learning_rate: 0.003 });
      train(m, 3);
      return m.getWeights();
    });
    expect(sameWeights(detoured, plain)).toBe(true);
    expect(sameWeights(changed, plain)).toBe(false);
  });

  it('a step schedule goes on from its step count with the new base rate (SGD: w -= lr * g)', () => {
    // every 2 steps x0.5: after 5 steps the rate is base * 0.5^2.
    const config = {
      optimizer: { type: 'sgd', learning_rate: 0.1 },
      schedule: { type: 'step', every_steps: 2, gamma: 0.5 },
    } as const;
    withModel(
      config,
      (m) => {
        train(m, 5);
        m.setLearningRate(0.4);
        const before = m.getWeights();
        const { gradients } = m.computeGradients(x, y);
        m.trainBatch(x, y);
        const after = m.getWeights();
        const lr = Math.fround(0.4 * 0.25);
        for (const [name, g] of Object.entries(gradients)) {
          const expected = before[name]!.map((w, i) => Math.fround(w - Math.fround(g[i]! * lr)));
          expect(after[name]).toEqual(expected);
        }
      },
      0, // no dropout: computeGradients and trainBatch see the same mask-free network
    );
  });

  it('refuses a rate that is not above 0', () => {
    withModel({}, (m) =>
      expect(() => m.setLearningRate(0)).toThrow('the learning rate must be a finite number above 0, got 0'),
    );
  });
});

describe('setOptimizer', () => {
  it('starts the new optimizer from zero, like a fresh model of that type with the same weights', () => {
    const sgd = { optimizer: { type: 'sgd', learning_rate: 0.002 } } as const;
    const switched = withModel(sgd, (m) => {
      train(m, 4);
      m.setOptimizer('adam');
      expect(m.config.optimizer).toEqual({
        type: 'adam',
        learning_rate: 0.002,
        beta_1: 0.9,
        beta_2: 0.999,
        epsilon: 1e-7,
      });
      const start = m.getWeights();
      m.setDropoutRate('dropout', 0); // the fresh model's dropout masks follow its own step count
      train(m, 3);
      return { start, end: m.getWeights() };
    });
    const fresh = withModel(
      { optimizer: { type: 'adam', learning_rate: 0.002 } },
      (m) => {
        m.setWeights(switched.start);
        train(m, 3);
        return m.getWeights();
      },
      0,
    );
    const kept = withModel(
      sgd,
      (m) => (train(m, 4), m.setDropoutRate('dropout', 0), train(m, 3), m.getWeights()),
    );
    expect(sameWeights(switched.end, fresh)).toBe(true);
    expect(sameWeights(switched.end, kept)).toBe(false);
  });

  it('resets the state when switching back to the same type (Adam -> SGD -> Adam differs from Adam)', () => {
    const adam = { optimizer: { type: 'adam', learning_rate: 0.01 } } as const;
    const plain = withModel(adam, (m) => (train(m, 6), m.getWeights()));
    const reset = withModel(adam, (m) => {
      train(m, 3);
      m.setOptimizer('sgd');
      m.setOptimizer('adam');
      train(m, 3);
      return m.getWeights();
    });
    expect(sameWeights(reset, plain)).toBe(false);
  });
});

describe('setDropoutRate', () => {
  it('trains on as a model built with the new rate does', () => {
    const changed = withModel({}, (m) => (m.setDropoutRate('dropout', 0.2), train(m, 3), m.getWeights()));
    const built = withModel({}, (m) => (train(m, 3), m.getWeights()), 0.2);
    const unchanged = withModel({}, (m) => (train(m, 3), m.getWeights()));
    expect(sameWeights(changed, built)).toBe(true);
    expect(sameWeights(changed, unchanged)).toBe(false);
  });

  it('at 0 the training-mode output is the inference output', () => {
    withModel({}, (m) => {
      expect(m.predict(x, { training: true })).not.toEqual(m.predict(x));
      m.setDropoutRate('dropout', 0);
      expect(m.predict(x, { training: true })).toEqual(m.predict(x));
    });
  });

  it('names an unknown layer, a layer without a rate and a rate out of range', () => {
    withModel({}, (m) => {
      expect(() => m.setDropoutRate('nope', 0.1)).toThrow("the model has no layer named 'nope'");
      expect(() => m.setDropoutRate('dense', 0.1)).toThrow("layer 'dense' (Dense) has no dropout rate");
      expect(() => m.setDropoutRate('dropout', 1)).toThrow(
        'a dropout rate must be at least 0 and below 1, got 1',
      );
    });
  });
});
