// Messages between a training session (main side) and its worker thread. Datasets travel as
// SharedArrayBuffer-backed views (no copy); pause and stop travel through a shared Int32Array so the
// worker sees them between any two batches.
import type { ExecutionPlan } from '../../engine';
import type { StartedEvent, TrainingEvent } from '../../engine/api/events';
import type { RunAdjustment } from '../../engine/api/run-adjustment';
import type { TrainingRun } from '../../engine/api/run-settings';
import type { SamplerOptions } from './layer-stats-sampler';

export const CONTROL_RUN = 0;
export const CONTROL_PAUSE = 1;
export const CONTROL_STOP = 2;

export interface WorkerDataset {
  readonly trainImages: Uint8Array;
  readonly trainLabels: Uint8Array;
  readonly testImages: Uint8Array;
  readonly testLabels: Uint8Array;
  readonly classes: number;
  /** Samples used for training and validation: the validation part is the tail (Keras). */
  readonly trainCount: number;
  readonly validationCount: number;
}

export interface WorkerInput {
  readonly plan: ExecutionPlan;
  readonly run: TrainingRun;
  readonly data: WorkerDataset;
  /** Int32Array over a SharedArrayBuffer: CONTROL_RUN, CONTROL_PAUSE or CONTROL_STOP. */
  readonly control: Int32Array;
  readonly initialWeights?: Record<string, Float32Array>;
  /** Which layers kept earlier weights when the run continues one; the started event carries it. */
  readonly continued?: StartedEvent['continued'];
  /** When to sample per-layer statistics (worker/layer-stats-sampler.ts); defaults when absent. */
  readonly stats?: SamplerOptions;
}

export type ToWorker =
  | { kind: 'predict'; id: number; image: Float32Array }
  | { kind: 'weights'; id: number }
  /** Changes a paused run (issue 17); the reply's result is the AdjustedEvent, also sent as an event. */
  | { kind: 'adjust'; id: number; changes: RunAdjustment }
  | { kind: 'dispose' };

export type FromWorker =
  | { kind: 'event'; event: TrainingEvent }
  /** `invalid`: the request itself was wrong (an adjustment naming an unknown layer, a same value),
   *  rather than the session's state. */
  | { kind: 'reply'; id: number; result?: unknown; error?: string; invalid?: boolean }
  /** Training has ended (completed, stopped or failed): the final weights (none when no model was
   * built), after which the worker frees its model and exits. */
  | { kind: 'finished'; weights?: Record<string, Float32Array> };
