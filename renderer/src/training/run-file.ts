// A run as the model file keeps it (engine/model-runs.ts) and back: what Save writes and Open restores,
// so a reopened document shows its curves and results without training again.
import type { ModelFile, SavedRun } from '../../../engine';
import { isLive, newRunRecord, type EpochPoint, type RunRecord } from './run-record';
import { runToSettings, settingsToRun } from './run-settings-map';
import { stepsBeforeEpoch, stepsInEpoch } from './run-steps';
import type { AdjustedEvent, StartedEvent } from '../../../engine/api/events';

export function toSavedRun(run: RunRecord): SavedRun {
  const started = run.started === null ? null : (({ type: _t, ...rest }) => rest)(run.started);
  const result = run.result === null ? null : (({ type: _t, ...rest }) => rest)(run.result);
  return {
    id: run.sessionId,
    label: run.label,
    startedAt: run.startedAt,
    state: run.state,
    modelName: run.modelName,
    settings: settingsToRun(run.settings) as Record<string, unknown>,
    ...(run.graph === undefined ? {} : { graph: run.graph }),
    started,
    epochs: run.epochs.map((e) => ({ ...e })),
    batches: run.batches.map(
      (b) => [b.step, b.epoch, b.loss, b.accuracy] as [number, number, number, number],
    ),
    result,
    failure: run.failure,
    ...(run.adjustments.length === 0
      ? {}
      : {
          adjustments: run.adjustments.map(({ type: _t, changes, ...rest }) => ({
            ...rest,
            changes: [...changes],
          })),
        }),
  };
}

/**
 * A saved run as a record of document `modelKey`. A run saved while it was still going has no session
 * behind it any more: it is shown as stopped.
 */
export function fromSavedRun(saved: SavedRun, modelKey: string): RunRecord {
  const record = newRunRecord({
    sessionId: saved.id,
    modelKey,
    modelName: saved.modelName,
    label: saved.label,
    settings: runToSettings(saved.settings),
    startedAt: saved.startedAt,
    ...(saved.graph === undefined ? {} : { graph: saved.graph }),
  });
  const lastEpoch = saved.epochs.at(-1)?.epoch ?? 0;
  // Where the run got to, for the progress line: the last batch's step within its epoch.
  const [lastStep = 0, batchEpoch = lastEpoch] = saved.batches.at(-1) ?? [];
  const adjustments = (saved.adjustments ?? []).map((a): AdjustedEvent => ({ type: 'adjusted', ...a }));
  const started: StartedEvent | null = saved.started === null ? null : { type: 'started', ...saved.started };
  const perEpoch = stepsInEpoch({ started, adjustments }, batchEpoch);
  return {
    ...record,
    state: isLive(saved.state) ? 'stopped' : saved.state,
    started,
    progress:
      saved.state === 'completed' ? 1 : saved.started ? lastEpoch / Math.max(1, saved.started.epochs) : 0,
    epoch: Math.max(lastEpoch, batchEpoch),
    step: perEpoch > 0 ? lastStep - stepsBeforeEpoch({ started, adjustments }, batchEpoch) : 0,
    samplesPerSecond: saved.result?.train_samples_per_second ?? null,
    epochs: saved.epochs,
    batches: saved.batches.map(([step, epoch, loss, accuracy]) => ({ step, epoch, loss, accuracy })),
    result: saved.result === null ? null : { type: 'completed', ...saved.result },
    failure: saved.failure,
    adjustments,
  };
}

const numberOr = (value: unknown, fallback: number | null) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * A file with weights but no run for them (written by `layerwise train --out`, or by version 1): one
 * completed run holding them, with the file's per-epoch history as its curves.
 */
export function runForLooseWeights(model: ModelFile, modelKey: string, id: string, label: string): RunRecord {
  const epochs: EpochPoint[] = (model.history ?? []).flatMap((h, i) => {
    const loss = numberOr(h.loss, null);
    const accuracy = numberOr(h.accuracy, null);
    if (loss === null || accuracy === null) return [];
    return [
      {
        epoch: numberOr(h.epoch, i + 1) as number,
        loss,
        accuracy,
        val_loss: numberOr(h.val_loss, null),
        val_accuracy: numberOr(h.val_accuracy, null),
      },
    ];
  });
  const record = newRunRecord({
    sessionId: id,
    modelKey,
    modelName: model.name,
    label,
    settings: runToSettings(model.training),
    startedAt: 0,
    graph: model.graph,
  });
  return { ...record, state: 'completed', progress: 1, epochs, epoch: epochs.at(-1)?.epoch ?? 0 };
}
