// Issue 17's "done when": a run paused after k batches, adjusted and resumed ends with the same weights,
// bit for bit (one thread), as a run whose `adjustments` script the same change at the same point, and
// with other weights than the run without the change. Run in-process on a tiny synthetic dataset; the
// loop is paused exactly after batch k by the layer_stats event it sends after every batch here.
import { describe, expect, it } from 'vitest';
import type { AdjustedEvent, ProgressEvent, TrainingEvent } from '../../engine/api/events';
import type { RunAdjustment } from '../../engine/api/run-adjustment';
import { trainingRunSchema, type TrainingRunInput } from '../../engine/api/run-settings';
import { chain } from '../../engine/testing/graphs';
import { compiledPlan, random } from '../test-support/models';
import { AdjustmentError } from './adjust-run';
import { runTraining, type LoopControls } from './training-loop';
import { CONTROL_PAUSE, CONTROL_RUN, type WorkerDataset } from './worker-protocol';

const PIXELS = 16;
const CLASSES = 3;
const plan = compiledPlan(
  chain(
    [4, 4, 1],
    ['Flatten'],
    ['Dense', { units: 12, activation: 'relu' }],
    ['Dropout', { rate: 0.5 }],
    ['Dense', { units: CLASSES, activation: 'softmax' }],
  ),
);

function dataset(train: number, validation = 0): WorkerDataset {
  const next = random(4);
  const total = train + validation + 8;
  const images = Uint8Array.from({ length: total * PIXELS }, () => Math.floor(next() * 256));
  const labels = Uint8Array.from({ length: total }, () => Math.floor(next() * CLASSES));
  return {
    trainImages: images.subarray(0, (train + validation) * PIXELS),
    trainLabels: labels.subarray(0, train + validation),
    testImages: images.subarray((train + validation) * PIXELS),
    testLabels: labels.subarray(train + validation),
    classes: CLASSES,
    trainCount: train,
    validationCount: validation,
  };
}

interface Outcome {
  events: TrainingEvent[];
  weights: Record<string, Float32Array>;
}

/** Trains 40 samples at batch 4 (10 batches an epoch); `pause` adjusts by hand after batch `step` of `epoch`. */
async function train(
  run: TrainingRunInput,
  pause?: { epoch: number; step: number; changes: RunAdjustment },
  data = dataset(40),
): Promise<Outcome & { replies: (AdjustedEvent | Error)[] }> {
  const events: TrainingEvent[] = [];
  const replies: (AdjustedEvent | Error)[] = [];
  const control = new Int32Array(new SharedArrayBuffer(4)).fill(CONTROL_RUN);
  let controls: LoopControls | undefined;
  const adjust = (changes: RunAdjustment) => {
    try {
      replies.push((controls as LoopControls).adjust(changes));
    } catch (error) {
      replies.push(error as Error);
    }
  };
  const model = await runTraining(
    {
      plan,
      run: trainingRunSchema.parse({ threads: 1, validation_split: 0, epochs: 2, batch_size: 4, ...run }),
      data,
      control,
      stats: { every: 1, minIntervalMs: 0 },
    },
    {
      ready: (_model, loop) => (controls = loop),
      emit: (event) => {
        events.push(event);
        if (pause === undefined) return;
        if (event.type === 'layer_stats' && event.epoch === pause.epoch && event.step === pause.step) {
          adjust(pause.changes); // still running: refused
          Atomics.store(control, 0, CONTROL_PAUSE);
        }
        if (event.type === 'state' && event.state === 'paused')
          setTimeout(() => {
            adjust(pause.changes);
            Atomics.store(control, 0, CONTROL_RUN);
          }, 1);
      },
    },
  );
  const weights = model?.getWeights() ?? {};
  model?.dispose();
  return { events, weights, replies };
}

const identical = (a: Record<string, Float32Array>, b: Record<string, Float32Array>) =>
  Object.keys(a).length > 0 &&
  Object.keys(a).every((k) => Buffer.compare(Buffer.from(a[k]!.buffer), Buffer.from(b[k]!.buffer)) === 0);
const adjustedOf = (events: TrainingEvent[]) =>
  events.filter((e): e is AdjustedEvent => e.type === 'adjusted');

describe.each<{ name: string; run: TrainingRunInput; changes: RunAdjustment; label: string; reset: boolean }>(
  [
    {
      name: 'learning rate',
      run: {},
      changes: { learning_rate: 0.01 },
      label: 'lr 0.001 → 0.01',
      reset: false,
    },
    {
      name: 'optimizer',
      run: { optimizer: { type: 'adam', learning_rate: 0.01 } },
      changes: { optimizer: 'sgd' },
      label: 'optimizer adam → sgd (state reset)',
      reset: true,
    },
    {
      name: 'dropout rate',
      run: {},
      changes: { dropout: { dropout: 0.1 } },
      label: 'dropout 0.5 → 0.1 (dropout)',
      reset: false,
    },
  ],
)('adjusting the $name of a paused run', ({ run, changes, label, reset }) => {
  it('gives the weights of the run that scripts the change at the same point, bit for bit', async () => {
    const byHand = await train(run, { epoch: 1, step: 3, changes });
    const scripted = await train({ ...run, adjustments: [{ epoch: 1, step: 3, changes }] });
    const unchanged = await train(run);
    expect(identical(byHand.weights, scripted.weights)).toBe(true);
    expect(identical(byHand.weights, unchanged.weights)).toBe(false);

    // Refused while running, applied once paused; the event is the reply and is in the stream.
    expect(byHand.replies[0]).toBeInstanceOf(Error);
    expect((byHand.replies[0] as Error).message).toBe('the run is not paused: pause it before adjusting it');
    const adjusted = adjustedOf(byHand.events);
    expect(adjusted).toEqual([byHand.replies[1]]);
    expect(adjusted).toEqual(adjustedOf(scripted.events));
    expect(adjusted[0]).toMatchObject({ epoch: 1, step: 3, global_step: 3, label, optimizer_reset: reset });
  });
});

describe('adjusting the optimizer', () => {
  it("keeps Adam's moments on a learning-rate change: changed and changed back, the run is unchanged", async () => {
    const run = { optimizer: { type: 'adam', learning_rate: 0.01 } } as const;
    const detour = await train({
      ...run,
      adjustments: [
        { epoch: 1, step: 3, changes: { learning_rate: 0.5 } },
        { epoch: 1, step: 3, changes: { learning_rate: 0.01 } },
      ],
    });
    const reset = await train({
      ...run,
      adjustments: [
        { epoch: 1, step: 3, changes: { optimizer: 'sgd' } },
        { epoch: 1, step: 3, changes: { optimizer: 'adam' } },
      ],
    });
    const plain = await train(run);
    expect(adjustedOf(detour.events).map((e) => e.label)).toEqual(['lr 0.01 → 0.5', 'lr 0.5 → 0.01']);
    expect(identical(detour.weights, plain.weights)).toBe(true);
    expect(identical(reset.weights, plain.weights)).toBe(false); // Adam's state started again from zero
  });
});

describe('adjusting the batch size', () => {
  it('takes effect from the next epoch, with the steps and progress the new size gives', async () => {
    const changes = { batch_size: 8 };
    const byHand = await train({ epochs: 3 }, { epoch: 1, step: 3, changes });
    const scripted = await train({ epochs: 3, adjustments: [{ epoch: 1, step: 3, changes }] });
    expect(identical(byHand.weights, scripted.weights)).toBe(true);
    const [adjusted] = adjustedOf(byHand.events);
    expect(adjusted).toMatchObject({
      label: 'batch 4 → 8 (from epoch 2)',
      changes: [{ setting: 'batch_size', from: 4, to: 8 }],
      // 10 batches in epoch 1, then 5 in each of epochs 2 and 3.
      batches: { from_epoch: 2, steps_per_epoch: 5, total_steps: 20 },
    });
    const lastStep = (epoch: number) =>
      Math.max(...byHand.events.flatMap((e) => (e.type === 'batch' && e.epoch === epoch ? [e.step] : [])));
    expect([lastStep(1), lastStep(2), lastStep(3)]).toEqual([10, 5, 5]);
    const progress = byHand.events.filter((e): e is ProgressEvent => e.type === 'progress');
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it('applies in the same epoch when scripted at its start', async () => {
    const { events } = await train({ adjustments: [{ epoch: 2, step: 0, changes: { batch_size: 20 } }] });
    expect(adjustedOf(events)[0]).toMatchObject({
      label: 'batch 4 → 20 (from epoch 2)',
      global_step: 10,
      batches: { from_epoch: 2, steps_per_epoch: 2, total_steps: 12 },
    });
    expect(events.filter((e) => e.type === 'batch' && e.epoch === 2).at(-1)).toMatchObject({ step: 2 });
  });
});

describe('adjusting early stopping', () => {
  it('turned on at epoch 2 it stops the run and restores the best epoch', async () => {
    // At lr 1 the validation loss stops improving quickly; patience 1 then ends the run early.
    const run = { epochs: 8, optimizer: { type: 'sgd', learning_rate: 1 } } as const;
    const adjustments = [{ epoch: 2, step: 0, changes: { early_stopping: { patience: 1, min_delta: 0 } } }];
    const { events } = await train({ ...run, adjustments }, undefined, dataset(40, 12));
    const epochs = events.filter((e) => e.type === 'epoch').length;
    expect(adjustedOf(events)[0]?.label).toBe('early stopping off → patience 1');
    expect(epochs).toBeLessThan(8);
    expect(events.find((e) => e.type === 'completed')).toMatchObject({ stopped_early: true });
  });
});

describe('refused adjustments', () => {
  it('names the field of a change to the value the run already has', async () => {
    const { replies } = await train({}, { epoch: 1, step: 2, changes: { learning_rate: 0.001 } });
    expect(replies[1]).toBeInstanceOf(AdjustmentError);
    expect((replies[1] as Error).message).toBe('learning_rate: the run already uses 0.001');
  });

  it('names a layer without a rate, and changes nothing of the adjustment', async () => {
    const changes = { learning_rate: 0.01, dropout: { dense: 0.2 } };
    const byHand = await train({}, { epoch: 1, step: 2, changes });
    const unchanged = await train({});
    expect((byHand.replies[1] as Error).message).toBe(
      "dropout.dense: layer 'dense' (Dense) has no dropout rate",
    );
    expect(adjustedOf(byHand.events)).toEqual([]);
    expect(identical(byHand.weights, unchanged.weights)).toBe(true);
  });

  it('fails a scripted run at once for an unknown layer, a step past the epoch or an epoch past the run', async () => {
    const failure = async (adjustments: TrainingRunInput['adjustments']) =>
      (await train({ adjustments })).events.find((e) => e.type === 'failed');
    expect(await failure([{ epoch: 1, step: 0, changes: { dropout: { nope: 0.2 } } }])).toEqual({
      type: 'failed',
      message: "adjustments[0].changes.dropout.nope: the model has no layer 'nope' with a dropout rate",
    });
    expect(await failure([{ epoch: 2, step: 10, changes: { learning_rate: 0.1 } }])).toMatchObject({
      message: 'adjustments[0].step: epoch 2 has 10 batches, so step must be below 10',
    });
    expect(await failure([{ epoch: 3, step: 0, changes: { learning_rate: 0.1 } }])).toMatchObject({
      message: "adjustments[0].epoch: epoch 3 is past the run's 2 epochs",
    });
    expect(
      await failure([
        { epoch: 1, step: 1, changes: { optimizer: 'sgd' } },
        { epoch: 1, step: 2, changes: { optimizer: 'sgd' } },
      ]),
    ).toMatchObject({ message: 'adjustments[1].changes.optimizer: the run already uses sgd' });
  });
});
