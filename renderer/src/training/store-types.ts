// The training store's shape (state, actions, options) and the helpers its users share: which run is
// live, and how an API failure is shown to the user.
import type { StoreApi } from 'zustand/vanilla';
import type { ModelFile, ModelWeights } from '../../../engine';
import type { RunAdjustment } from '../../../engine/api/run-adjustment';
import {
  ApiError,
  type DatasetInfo,
  type LayerActivation,
  type LayerwiseApi,
} from '../../../engine/api/contract';
import { isLive, type RunRecord } from './run-record';
import type { StorageLike } from './run-registry';
import type { TrainingSettings } from './run-settings-map';
import type { RunLayerStats } from './layer-stats-history';
import type { GraphEditTarget } from './diagnosis-target';

export interface UserError {
  readonly message: string;
  readonly issues: readonly string[];
}

export interface TrainingState {
  /** The API the store talks to; components use it for images and predictions. */
  readonly api: LayerwiseApi;
  readonly settings: TrainingSettings;
  readonly datasets: readonly DatasetInfo[] | null;
  readonly runs: Readonly<Record<string, RunRecord>>;
  /** Session ids, oldest first. */
  readonly runOrder: readonly string[];
  /** The run on show; Save, Export and the predictions use its weights. */
  readonly activeRunId: string | null;
  readonly selectedRunIds: readonly string[];
  /** The open document's id: the dashboard shows its runs only. */
  readonly modelKey: string | null;
  /** Each finished run's trained weights, fetched once when it ends (or restored from a file). */
  readonly weights: Readonly<Record<string, ModelWeights>>;
  /** Each run's sampled per-layer statistics (live only: not saved with the document). */
  readonly layerStats: Readonly<Record<string, RunLayerStats>>;
  readonly starting: boolean;
  readonly error: UserError | null;
  /** Why the last training.adjust was refused (shown in the paused run's form), or null. */
  readonly adjustError: UserError | null;
}

export interface TrainingActions {
  setSettings(patch: Partial<TrainingSettings>): void;
  /** Shows document `modelKey`: its latest run goes on show, other documents' runs are hidden. */
  setModelKey(modelKey: string | null): void;
  /** Adds a document's runs (from a file or the autosave) with their weights; live runs are kept as they are. */
  loadDocumentRuns(
    modelKey: string,
    runs: readonly RunRecord[],
    weights: Readonly<Record<string, ModelWeights>>,
    activeRunId?: string | null,
  ): void;
  /** Class probabilities for each image from a run's trained model. */
  predict(runId: string, images: readonly number[][]): Promise<number[][]>;
  /** Every layer's output for one image, from a finished run's trained weights. */
  activations(runId: string, image: readonly number[]): Promise<LayerActivation[]>;
  /** Starts a run; with `continueFrom` (a run with weights) its weights are kept where they still fit. */
  start(model: ModelFile, modelKey: string, continueFrom?: string): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /**
   * Changes the paused run's settings (training.adjust); true when the run took them. The document
   * follows in one undo step through `document`: its training settings, and its graph's Dropout rates.
   */
  adjust(changes: RunAdjustment, document?: GraphEditTarget): Promise<boolean>;
  stop(): Promise<void>;
  selectRun(runId: string): void;
  toggleOverlay(runId: string): void;
  loadDatasets(): Promise<void>;
  /** Rebuilds the runs the backend knows (after a page reload) and resubscribes after dispose(). */
  restore(): Promise<void>;
  clearError(): void;
  dispose(): void;
}

export type TrainingStore = TrainingState & TrainingActions;
export type TrainingStoreApi = StoreApi<TrainingStore>;

export interface TrainingStoreOptions {
  readonly storage?: StorageLike | null;
  readonly now?: () => number;
  /**
   * Events arrive one WebSocket message at a time; applying each at once would re-render the panels
   * 40 times a second. They are queued and applied together at most every this many ms (0: at once).
   */
  readonly eventBatchMs?: number;
}

/** The run that is still going (idle, running or paused), the one Pause/Resume/Stop act on. */
export function liveRunId(state: TrainingState): string | null {
  for (let i = state.runOrder.length - 1; i >= 0; i--) {
    const run = state.runs[state.runOrder[i] as string];
    if (run !== undefined && isLive(run.state)) return run.sessionId;
  }
  return null;
}

export function toUserError(error: unknown): UserError {
  if (error instanceof ApiError) {
    const issues = (error.data.issues ?? []).map((i) =>
      i.where.nodeId ? `${i.where.nodeId}: ${i.message}` : i.message,
    );
    return { message: error.data.message, issues };
  }
  return { message: error instanceof Error ? error.message : String(error), issues: [] };
}
