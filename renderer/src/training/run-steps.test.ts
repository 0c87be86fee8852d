// The step axis of a run whose batch size changed between epochs.
import { describe, expect, it } from 'vitest';
import type { AdjustedEvent, StartedEvent } from '../../../engine/api/events';
import { startedEvent } from './fake-api';
import { applyEvent, newRunRecord } from './run-record';
import { globalStepOf, stepsBeforeEpoch, stepsInEpoch } from './run-steps';

const started = { ...(startedEvent as StartedEvent), epochs: 3, steps_per_epoch: 50, total_steps: 150 };
const resized: AdjustedEvent = {
  type: 'adjusted',
  epoch: 2,
  step: 0,
  global_step: 50,
  changes: [{ setting: 'batch_size', from: 32, to: 80 }],
  optimizer_reset: false,
  label: 'batch 32 → 80 (from epoch 2)',
  batches: { from_epoch: 2, steps_per_epoch: 20, total_steps: 90 },
};

describe('run steps', () => {
  it('counts epochs at the started length until a batch-size change, then at the new one', () => {
    const run = { started, adjustments: [resized] };
    expect([1, 2, 3].map((e) => stepsInEpoch(run, e))).toEqual([50, 20, 20]);
    expect([1, 2, 3].map((e) => stepsBeforeEpoch(run, e))).toEqual([0, 50, 70]);
    expect(globalStepOf(run, 3, 5)).toBe(75);
    expect(globalStepOf({ started, adjustments: [] }, 3, 5)).toBe(105);
  });

  it('places batch points after the change where the core counted them', () => {
    let run = newRunRecord({
      sessionId: 's',
      modelKey: 'k',
      modelName: 'm',
      label: 'Run 1',
      settings: {} as never,
      startedAt: 0,
    });
    run = applyEvent(run, started);
    run = applyEvent(run, resized);
    const batch = { type: 'batch', epoch: 3, step: 4, loss: 1, accuracy: 0.5 } as const;
    run = applyEvent(run, { ...batch, epoch_loss: 1, epoch_accuracy: 0.5, samples_per_second: 1 });
    expect(run.batches.at(-1)?.step).toBe(74);
  });
});
