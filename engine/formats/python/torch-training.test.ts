// The exported PyTorch script trains as our core does: from the same weights, three updates on the
// same MNIST batches give the same weights (1e-4 relative) for every optimizer, schedule and loss.
// Needs PyTorch (apt-get install python3-torch); skipped, saying so, without it.
import { describe, expect, it } from 'vitest';
import { relativeError } from '../../../worker-native/test-support/models';
import { python } from '../../../worker-native/test-support/torch-python';
import { chain } from '../../testing/graphs';
import type { TrainingConfigInput } from '../../training-config';
import { trainBothWays } from '../../../worker-native/test-support/torch-steps';

const BATCH = 32;
const STEPS = 3;

const cases: { name: string; output: string; config: TrainingConfigInput }[] = [
  { name: 'adam', output: 'softmax', config: {} },
  {
    name: 'sgd, nesterov momentum, step schedule, l2',
    output: 'softmax',
    config: {
      optimizer: { type: 'sgd', learning_rate: 0.1, momentum: 0.9, nesterov: true },
      schedule: { type: 'step', every_steps: 1, gamma: 0.5 },
      l2: 0.001,
    },
  },
  {
    name: 'rmsprop with momentum, cosine schedule, global_clipnorm',
    output: 'softmax',
    config: {
      optimizer: { type: 'rmsprop', momentum: 0.5 },
      schedule: { type: 'cosine', decay_steps: 2, alpha: 0.1 },
      global_clipnorm: 0.5,
    },
  },
  { name: 'adamw', output: 'softmax', config: { optimizer: { type: 'adamw', weight_decay: 0.1 } } },
  {
    name: 'cross-entropy on sigmoid probabilities',
    output: 'sigmoid',
    config: { loss: 'categorical_crossentropy' },
  },
  { name: 'binary cross-entropy on logits', output: 'sigmoid', config: { loss: 'binary_crossentropy' } },
  { name: 'mean squared error', output: 'softmax', config: { loss: 'mean_squared_error' } },
];

describe('exported PyTorch script trains like our native core', () => {
  it.skipIf(python === undefined).each(cases)(
    '$name (requires python3-torch)',
    ({ output, config }) => {
      const g = chain(
        [28, 28, 1],
        ['Flatten'],
        ['Dense', { units: 16, activation: 'tanh' }],
        ['Dense', { units: 10, activation: output }],
      );
      const { start, native: expected, torch: trained, stderr } = trainBothWays(g, config, BATCH, STEPS);
      expect(stderr).toBe('');
      for (const [name, values] of Object.entries(expected)) {
        const error = relativeError(Float32Array.from(trained[name] ?? []), values);
        expect(error, `${name} after ${STEPS} steps`).toBeLessThan(1e-4);
        expect(relativeError(values, start[name] as Float32Array), `${name} moved`).toBeGreaterThan(1e-4);
      }
    },
    60_000,
  );
});

describe('exported PyTorch script keeps frozen layers as our core does', () => {
  it.skipIf(python === undefined)(
    'frozen Conv2D and BatchNormalization unchanged, the layers around them trained alike (requires python3-torch)',
    () => {
      const g = chain(
        [28, 28, 1],
        ['Conv2D', { filters: 4, kernel_size: 3, activation: 'relu' }],
        ['Conv2D', { filters: 4, kernel_size: 3, kernel_regularizer: { l1: 0.01, l2: 0.01 } }],
        ['BatchNormalization'],
        ['Flatten'],
        ['Dense', { units: 10, activation: 'softmax' }],
      );
      const frozen = {
        ...g,
        nodes: g.nodes.map((n) => (['n2', 'n3'].includes(n.id) ? { ...n, trainable: false } : n)),
      };
      const { start, native, torch, stderr } = trainBothWays(frozen, { l2: 0.001 }, BATCH, STEPS);
      expect(stderr).toBe('');
      for (const [name, values] of Object.entries(native)) {
        expect(relativeError(Float32Array.from(torch[name] ?? []), values), name).toBeLessThan(1e-4);
        const still = /^(conv2d_1|batch_normalization)\//.test(name);
        if (still) expect(values, `${name} frozen`).toEqual(start[name]);
        else
          expect(relativeError(values, start[name] as Float32Array), `${name} moved`).toBeGreaterThan(1e-4);
      }
    },
    60_000,
  );
});
