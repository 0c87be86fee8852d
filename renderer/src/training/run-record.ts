// One training run as the UI knows it, and the pure reducer that folds a session's events into it.
// Replaying an event twice is harmless, so a restored snapshot and live events can overlap.
import type { Graph } from '../../../engine';
import type {
  AdjustedEvent,
  CompletedEvent,
  DivergenceOrigin,
  SessionState,
  StartedEvent,
  TrainingEvent,
} from '../../../engine/api/events';
import { globalStepOf } from './run-steps';
import type { TrainingSettings } from './run-settings-map';

/**
 * Most batch points kept per run; older ones are dropped (each keeps its global step index). Batch
 * events come at most 20 a second, so this holds over 15 minutes of training at full resolution.
 */
export const BATCH_POINT_CAP = 20_000;

export interface BatchPoint {
  /** Global step: optimizer steps before this batch's epoch, plus its step (run-steps.ts). */
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface EpochPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly val_loss: number | null;
  readonly val_accuracy: number | null;
}

export interface RunRecord {
  /** The training session's id; a run reopened from a file keeps the id it had. */
  readonly sessionId: string;
  /** The document the run belongs to (the model file's id). */
  readonly modelKey: string;
  readonly modelName: string;
  readonly label: string;
  readonly settings: TrainingSettings;
  readonly state: SessionState;
  readonly started: StartedEvent | null;
  /** 0..1 */
  readonly progress: number;
  readonly etaSeconds: number | null;
  readonly samplesPerSecond: number | null;
  readonly epoch: number;
  readonly step: number;
  readonly batches: readonly BatchPoint[];
  readonly epochs: readonly EpochPoint[];
  readonly result: CompletedEvent | null;
  readonly failure: string | null;
  /** Settings changed while paused (or by the run's schedule), in order: markers on the charts. */
  readonly adjustments: readonly AdjustedEvent[];
  /** Where a failed run diverged, when a layer showed it (the failed event's origin). */
  readonly failureOrigin?: DivergenceOrigin;
  readonly startedAt: number;
  /** The graph the run trained: its weights fit this graph even after the document is edited. */
  readonly graph?: Graph;
}

export type RunIdentity = Pick<
  RunRecord,
  'sessionId' | 'modelKey' | 'modelName' | 'label' | 'settings' | 'startedAt' | 'graph'
>;

export function newRunRecord(identity: RunIdentity): RunRecord {
  return {
    ...identity,
    state: 'idle',
    started: null,
    progress: 0,
    etaSeconds: null,
    samplesPerSecond: null,
    epoch: 0,
    step: 0,
    batches: [],
    epochs: [],
    result: null,
    failure: null,
    adjustments: [],
  };
}

export const isLive = (state: SessionState): boolean =>
  state === 'idle' || state === 'running' || state === 'paused';

/** Appends to a capped array, dropping the oldest items beyond `cap`; returns a new array. */
export function appendCapped<T>(items: readonly T[], item: T, cap: number): T[] {
  const start = items.length + 1 > cap ? items.length + 1 - cap : 0;
  const next = items.slice(start);
  next.push(item);
  return next;
}

export function applyEvent(run: RunRecord, event: TrainingEvent): RunRecord {
  switch (event.type) {
    case 'started':
      return { ...run, started: event, state: run.state === 'idle' ? 'running' : run.state };
    case 'batch': {
      const step = globalStepOf(run, event.epoch, event.step);
      const last = run.batches[run.batches.length - 1];
      const point = { step, epoch: event.epoch, loss: event.loss, accuracy: event.accuracy };
      return {
        ...run,
        epoch: event.epoch,
        step: event.step,
        samplesPerSecond: event.samples_per_second,
        batches:
          last !== undefined && last.step >= step
            ? run.batches
            : appendCapped(run.batches, point, BATCH_POINT_CAP),
      };
    }
    case 'epoch': {
      const { epoch, loss, accuracy, val_loss, val_accuracy } = event;
      const point = { epoch, loss, accuracy, val_loss, val_accuracy };
      const epochs = run.epochs.filter((p) => p.epoch !== epoch);
      epochs.push(point);
      epochs.sort((a, b) => a.epoch - b.epoch);
      return { ...run, epochs, epoch: Math.max(run.epoch, epoch) };
    }
    case 'progress':
      return { ...run, progress: Math.min(Math.max(event.fraction, 0), 1), etaSeconds: event.eta_seconds };
    case 'state':
      return { ...run, state: event.state, etaSeconds: isLive(event.state) ? run.etaSeconds : null };
    case 'completed':
      return { ...run, result: event, progress: 1, etaSeconds: null, state: 'completed' };
    case 'adjusted':
      // The same change arrives twice: as training.adjust's answer and as the session's event.
      return run.adjustments.some((a) => sameAdjustment(a, event))
        ? run
        : { ...run, adjustments: [...run.adjustments, event] };
    case 'failed':
      return {
        ...run,
        failure: event.message,
        ...(event.origin === undefined ? {} : { failureOrigin: event.origin }),
        state: 'failed',
        etaSeconds: null,
      };
    case 'layer_stats':
      return run; // per-layer statistics are not part of the run record (nor of the autosave)
  }
}

const sameAdjustment = (a: AdjustedEvent, b: AdjustedEvent) =>
  a.global_step === b.global_step && a.epoch === b.epoch && a.step === b.step && a.label === b.label;
