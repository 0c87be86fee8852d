// The training loop's per-layer statistics and divergence report, run in-process on a tiny synthetic
// dataset: sampled layer_stats events every N steps plus each epoch's last, a dead ReLU seen as dead,
// a NaN named by the layer whose output first held it, and a finite explosion by the layer that grew first.
import { describe, expect, it } from 'vitest';
import type { FailedEvent, LayerStatsEvent, TrainingEvent } from '../../engine/api/events';
import { trainingRunSchema, type TrainingRunInput } from '../../engine/api/run-settings';
import { chain } from '../../engine/testing/graphs';
import { compiledPlan, random } from '../test-support/models';
import { runTraining } from './training-loop';
import { CONTROL_RUN, type WorkerDataset } from './worker-protocol';

const PIXELS = 16;
const CLASSES = 3;

// Two ReLU layers side by side in depth: 'dense' stays healthy, 'dense_1' can be killed by its bias.
const planWith = (hidden: string) =>
  compiledPlan(
    chain(
      [4, 4, 1],
      ['Flatten'],
      ['Dense', { units: 8, activation: 'relu' }],
      ['Dense', { units: 8, activation: hidden }],
      ['Dense', { units: CLASSES, activation: 'softmax' }],
    ),
  );
const reluPlan = planWith('relu');
// tanh keeps a NaN (a ReLU may turn it into 0, hiding where it began).
const tanhPlan = planWith('tanh');

function dataset(train: number): WorkerDataset {
  const next = random(4);
  const images = Uint8Array.from({ length: (train + 8) * PIXELS }, () => Math.floor(next() * 256));
  const labels = Uint8Array.from({ length: train + 8 }, () => Math.floor(next() * CLASSES));
  return {
    trainImages: images.subarray(0, train * PIXELS),
    trainLabels: labels.subarray(0, train),
    testImages: images.subarray(train * PIXELS),
    testLabels: labels.subarray(train),
    classes: CLASSES,
    trainCount: train,
    validationCount: 0,
  };
}

async function train(
  run: TrainingRunInput,
  options: { initialWeights?: Record<string, Float32Array> } = {},
  plan = reluPlan,
  every?: number,
): Promise<TrainingEvent[]> {
  const events: TrainingEvent[] = [];
  const model = await runTraining(
    {
      plan,
      run: trainingRunSchema.parse({ threads: 1, validation_split: 0, ...run }),
      data: dataset(40),
      control: new Int32Array(new SharedArrayBuffer(4)).fill(CONTROL_RUN),
      ...options,
      // No time limit between samples: these steps take microseconds.
      stats: { minIntervalMs: 0, ...(every === undefined ? {} : { every }) },
    },
    { emit: (event) => events.push(event) },
  );
  model?.dispose();
  return events;
}

const statsEvents = (events: TrainingEvent[]) =>
  events.filter((e): e is LayerStatsEvent => e.type === 'layer_stats');

describe('layer statistics in the training loop', () => {
  it('samples every N steps and at each epoch end', async () => {
    // 40 samples at batch 4: 10 steps per epoch; every 4th global step (0, 4, 8, 12, 16) plus steps 10 and 20.
    const events = statsEvents(await train({ epochs: 2, batch_size: 4 }, {}, reluPlan, 4));
    expect(events.map((e) => [e.epoch, e.step, e.final_of_epoch])).toEqual([
      [1, 1, false],
      [1, 5, false],
      [1, 9, false],
      [1, 10, true],
      [2, 3, false],
      [2, 7, false],
      [2, 10, true],
    ]);
    const layers = events[0]?.layers ?? [];
    expect(layers.map((l) => l.name)).toEqual(['dense', 'dense_1', 'dense_2']); // views have none
    for (const layer of layers) {
      expect(layer.forward_ms).toBeGreaterThan(0);
      expect(layer.backward_ms).toBeGreaterThan(0);
      expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/kernel`, `${layer.name}/bias`]);
    }
  });

  it("carries histograms of every weight and its gradient on an epoch's last step only", async () => {
    const events = statsEvents(await train({ epochs: 1, batch_size: 4 }, {}, reluPlan, 4));
    const final = events.find((e) => e.final_of_epoch);
    const kernel = final?.layers.find((l) => l.name === 'dense')?.weights[0];
    // dense/kernel is 16 x 8: every value lands in a bin of the weight's histogram.
    expect(kernel?.histograms?.values.counts.reduce((a, b) => a + b, 0)).toBe(128);
    expect(kernel?.histograms?.gradients.counts.reduce((a, b) => a + b, 0)).toBe(128);
    expect(kernel?.histograms?.values.min).toBeLessThan(0);
    expect(kernel?.histograms?.values.max).toBeGreaterThan(0);
    for (const event of events.filter((e) => !e.final_of_epoch))
      for (const layer of event.layers)
        expect(layer.weights.every((w) => w.histograms === undefined)).toBe(true);
  });

  it('reports a ReLU whose bias is -10 as dead, and its neighbour as alive', async () => {
    const events = statsEvents(
      await train(
        { epochs: 1, batch_size: 8, optimizer: { type: 'sgd', learning_rate: 0.01 } },
        { initialWeights: { 'dense_1/bias': new Float32Array(8).fill(-10) } },
      ),
    );
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const byName = new Map(event.layers.map((l) => [l.name, l]));
      expect(byName.get('dense_1')?.output.zero_fraction).toBe(1);
      expect(byName.get('dense')?.output.zero_fraction).toBeLessThan(1);
      // Nothing flows back through a dead ReLU: its kernel gets no gradient.
      expect(byName.get('dense_1')?.weights[0]?.gradient_norm).toBe(0);
    }
  });
});

describe('divergence', () => {
  it('names the first layer whose output became NaN, and the batch', async () => {
    const kernel = new Float32Array(64).fill(0.1);
    kernel[5] = Number.NaN;
    const events = await train(
      { epochs: 1, batch_size: 4 },
      { initialWeights: { 'dense_1/kernel': kernel } },
      tanhPlan,
    );
    const failed = events.find((e): e is FailedEvent => e.type === 'failed');
    expect(failed?.origin).toEqual({
      layer: 'dense_1',
      where: 'output',
      cause: 'non_finite',
      value: 'NaN',
      epoch: 1,
      step: 1,
    });
    expect(failed?.message).toMatch(
      /^the output of layer 'dense_1' became NaN at epoch 1, batch 1: training diverged/,
    );
  });

  it('names the first layer whose output exploded when the loss passes the limit while finite', async () => {
    // SGD at lr 1e6 passes the divergence ceiling (1e8) on batch 2 before any value overflows.
    const events = await train({ epochs: 3, batch_size: 4, optimizer: { type: 'sgd', learning_rate: 1e6 } });
    const failed = events.find((e): e is FailedEvent => e.type === 'failed');
    expect(failed?.origin).toMatchObject({
      layer: 'dense',
      where: 'output',
      cause: 'exploded',
      epoch: 1,
      step: 2,
    });
    expect(failed?.origin?.growth).toBeGreaterThanOrEqual(1e3);
    expect(failed?.message).toMatch(
      /^the output of layer 'dense' grew \S+-fold since the first batch \(the loss reached \S+\) at epoch 1, batch 2: training diverged/,
    );
  });
});
