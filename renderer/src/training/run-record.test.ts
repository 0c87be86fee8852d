// The reducer folding a session's events into a RunRecord.
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { batchEvent, startedEvent } from './fake-api';
import { appendCapped, applyEvent, BATCH_POINT_CAP, newRunRecord } from './run-record';
import { DEFAULT_SETTINGS } from './run-settings-map';

const fresh = () =>
  newRunRecord({
    sessionId: 's1',
    modelKey: 'm',
    modelName: 'M',
    label: 'Run 1',
    settings: DEFAULT_SETTINGS,
    startedAt: 0,
  });
const fold = (events: TrainingEvent[]) => events.reduce(applyEvent, fresh());

describe('applyEvent', () => {
  it('tracks started info, global batch steps, progress and speed', () => {
    const run = fold([
      startedEvent,
      batchEvent(1, 50),
      batchEvent(2, 10, 0.2),
      { type: 'progress', fraction: 0.55, eta_seconds: 12 },
    ]);
    expect(run.state).toBe('running');
    expect(run.started?.total_steps).toBe(200);
    expect(run.batches.map((b) => b.step)).toEqual([50, 110]);
    expect(run.batches[1]).toEqual({ step: 110, epoch: 2, loss: 0.2, accuracy: 0.8 });
    expect([run.epoch, run.step, run.samplesPerSecond]).toEqual([2, 10, 1234]);
    expect([run.progress, run.etaSeconds]).toEqual([0.55, 12]);
  });

  it('records epochs once each, sorted, even when replayed', () => {
    const epoch = (n: number): TrainingEvent => ({
      type: 'epoch',
      epoch: n,
      loss: 1 / n,
      accuracy: 0.9,
      val_loss: 0.3,
      val_accuracy: null,
      seconds: 1,
    });
    const run = fold([epoch(2), epoch(1), epoch(2)]);
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(run.epochs[0]).toEqual({ epoch: 1, loss: 1, accuracy: 0.9, val_loss: 0.3, val_accuracy: null });
  });

  it('ignores a batch point it already has (replay after restore)', () => {
    const run = fold([startedEvent, batchEvent(1, 5), batchEvent(1, 5), batchEvent(1, 3)]);
    expect(run.batches).toHaveLength(1);
  });

  it('ends with the completed result, or the failure message', () => {
    const completed: TrainingEvent = {
      type: 'completed',
      test_loss: 0.05,
      test_accuracy: 0.985,
      confusion: [],
      per_class_accuracy: [],
      misclassified: [],
      stopped_early: false,
      best_epoch: null,
      train_samples_per_second: 1000,
      epoch_seconds: [1],
    };
    const done = fold([startedEvent, { type: 'progress', fraction: 0.9, eta_seconds: 3 }, completed]);
    expect(done).toMatchObject({
      state: 'completed',
      progress: 1,
      etaSeconds: null,
      result: { test_accuracy: 0.985 },
    });
    const failed = fold([
      startedEvent,
      { type: 'failed', message: 'diverged' },
      { type: 'state', state: 'failed' },
    ]);
    expect(failed).toMatchObject({ state: 'failed', failure: 'diverged' });
  });

  it('follows state events', () => {
    expect(fold([startedEvent, { type: 'state', state: 'paused' }]).state).toBe('paused');
    expect(fold([startedEvent, { type: 'state', state: 'stopped' }]).state).toBe('stopped');
  });

  it('leaves the record unchanged on layer statistics (not stored, so the autosave stays bounded)', () => {
    const before = fold([startedEvent]);
    const layer = {
      name: 'dense',
      type: 'Dense',
      output: { mean: 0.1, std: 0.2, zero_fraction: 0.5, saturated_fraction: 0 },
      gradient_norm: null,
      weights: [],
      forward_ms: 0.1,
      backward_ms: 0.2,
    };
    const event = { type: 'layer_stats', epoch: 1, step: 1, final_of_epoch: false, layers: [layer] } as const;
    expect(applyEvent(before, event)).toBe(before);
  });
});

describe('appendCapped', () => {
  it('drops the oldest items beyond the cap, keeping their step index', () => {
    // Filled to one short of the cap, then six more (appending one at a time from empty is quadratic).
    let items = Array.from({ length: BATCH_POINT_CAP - 1 }, (_, i) => ({ step: i + 1 }));
    for (let i = BATCH_POINT_CAP; i <= BATCH_POINT_CAP + 5; i++)
      items = appendCapped(items, { step: i }, BATCH_POINT_CAP);
    expect(items).toHaveLength(BATCH_POINT_CAP);
    expect(items[0]?.step).toBe(6);
    expect(items.at(-1)?.step).toBe(BATCH_POINT_CAP + 5);
  });

  it('returns a new array', () => {
    const items = [1];
    expect(appendCapped(items, 2, 10)).not.toBe(items);
    expect(items).toEqual([1]);
  });
});
