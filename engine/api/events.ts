// The training event stream: what a session reports while it runs, identical over Electron IPC,
// WebSocket and the CLI's --json output.
import type { Histogram } from '../training/histogram';

export type SessionState = 'idle' | 'running' | 'paused' | 'stopped' | 'completed' | 'failed';

export interface StartedEvent {
  readonly type: 'started';
  readonly epochs: number;
  readonly steps_per_epoch: number;
  readonly total_steps: number;
  readonly train_samples: number;
  readonly validation_samples: number;
  readonly test_samples: number;
  readonly total_params: number;
  readonly trainable_params: number;
  /** Present when the run continues from earlier weights ("Continue training", issue 17): the layers
   *  (by name) whose weights were kept, and those initialised afresh (new, or changed in shape). */
  readonly continued?: { readonly kept: readonly string[]; readonly initialised: readonly string[] };
}

/** Coalesced: at most 20 per second, carrying the latest batch and the running epoch averages. */
export interface BatchEvent {
  readonly type: 'batch';
  readonly epoch: number;
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly epoch_loss: number;
  readonly epoch_accuracy: number;
  readonly samples_per_second: number;
}

export interface EpochEvent {
  readonly type: 'epoch';
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly val_loss: number | null;
  readonly val_accuracy: number | null;
  readonly seconds: number;
}

export interface ProgressEvent {
  readonly type: 'progress';
  readonly fraction: number;
  readonly eta_seconds: number | null;
}

export interface StateEvent {
  readonly type: 'state';
  readonly state: SessionState;
}

export interface Misclassified {
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
}

export interface CompletedEvent {
  readonly type: 'completed';
  readonly test_loss: number;
  readonly test_accuracy: number;
  /** confusion[true][predicted] counts over the test set. */
  readonly confusion: number[][];
  readonly per_class_accuracy: number[];
  readonly misclassified: Misclassified[];
  readonly stopped_early: boolean;
  readonly best_epoch: number | null;
  readonly train_samples_per_second: number;
  readonly epoch_seconds: number[];
}

/** Where a diverged run went wrong. non_finite: the first layer in plan order whose output held a NaN or
 * infinity, else the first in backward order whose output gradient did. exploded (the loss passed the
 * divergence limit while finite): the first layer in plan order whose output grew EXPLOSION_GROWTH-fold
 * over the first batch's (engine/training/divergence.ts). */
export interface DivergenceOrigin {
  readonly layer: string;
  readonly where: 'output' | 'gradient';
  readonly cause: 'non_finite' | 'exploded';
  /** For non_finite: 'NaN' when a NaN is among the values, else 'Infinity'. */
  readonly value?: 'NaN' | 'Infinity';
  /** For exploded: how many times the output's root mean square grew (Infinity once it overflowed). */
  readonly growth?: number;
  readonly epoch: number;
  /** The batch within the epoch, from 1. */
  readonly step: number;
}

export interface FailedEvent {
  readonly type: 'failed';
  readonly message: string;
  /** Present when the run diverged and a layer's values show where it began. */
  readonly origin?: DivergenceOrigin;
}

/** One layer's health on a sampled training step (docs/layer-statistics.md). Views (Flatten, Reshape,
 * the input) have none: their values are their input's. */
export interface LayerStatistics {
  readonly name: string;
  readonly type: string;
  readonly output: {
    readonly mean: number;
    readonly std: number;
    /** Fraction of exact zeros: "dead" units after a ReLU. */
    readonly zero_fraction: number;
    /** Sigmoid/tanh: values within 1e-3 of the bounds; softmax: rows whose top probability > 0.99. */
    readonly saturated_fraction: number;
  };
  /** L2 norm of d loss / d output (of the batch-mean loss); null where no gradient flows. */
  readonly gradient_norm: number | null;
  readonly weights: readonly {
    readonly name: string;
    /** L2 norm before the step's update. */
    readonly norm: number;
    readonly gradient_norm: number;
    /** ||w_after - w_before|| / ||w_before||; null for an all-zero weight (a fresh bias). */
    readonly update_ratio: number | null;
    /** On an epoch's last step only: the weight's values and its gradient as histograms. */
    readonly histograms?: { readonly values: Histogram; readonly gradients: Histogram };
  }[];
  /** Milliseconds per batch in this layer's forward and backward, averaged since the previous event. */
  readonly forward_ms: number;
  readonly backward_ms: number;
}

/** Per-layer statistics of one sampled training step: every `stats_every` steps, plus the last step
 * of each epoch (final_of_epoch). */
export interface LayerStatsEvent {
  readonly type: 'layer_stats';
  readonly epoch: number;
  /** The sampled batch within the epoch, from 1. */
  readonly step: number;
  readonly final_of_epoch: boolean;
  readonly layers: readonly LayerStatistics[];
}

/** One setting a paused run's adjustment changed (issue 17). Values as shown: numbers, optimizer types,
 *  early stopping as "patience 3, min_delta 0" or "off". */
export interface SettingChange {
  readonly setting: 'learning_rate' | 'optimizer' | 'batch_size' | 'early_stopping' | 'dropout';
  /** For dropout: the layer's name. */
  readonly layer?: string;
  readonly from: number | string;
  readonly to: number | string;
}

/** A paused run was adjusted (training.adjust) or a scripted adjustment applied (the run's
 *  `adjustments`). It takes effect before batch `step + 1` of epoch `epoch`; charts draw it there. */
export interface AdjustedEvent {
  readonly type: 'adjusted';
  readonly epoch: number;
  /** Batches of `epoch` done before the change (0: at its start). */
  readonly step: number;
  /** Optimizer steps done before the change, over the whole run: the batch chart's x. */
  readonly global_step: number;
  readonly changes: readonly SettingChange[];
  /** True when the optimizer type changed: its state (moments) started from zero. */
  readonly optimizer_reset: boolean;
  /** The marker's label, e.g. "lr 0.001 → 0.0003" (several changes joined by ", "). */
  readonly label: string;
  /** Present when the batch size changed. It applies from epoch `from_epoch` (the next one, or this one
   *  when no batch of it was done), which has `steps_per_epoch` batches, as has every later epoch, so a
   *  batch's global step is no longer (epoch - 1) * the started event's steps_per_epoch + step from
   *  there on; `total_steps` is the run's new total. */
  readonly batches?: {
    readonly from_epoch: number;
    readonly steps_per_epoch: number;
    readonly total_steps: number;
  };
}

export type TrainingEvent =
  | StartedEvent
  | BatchEvent
  | EpochEvent
  | ProgressEvent
  | StateEvent
  | CompletedEvent
  | FailedEvent
  | LayerStatsEvent
  | AdjustedEvent;
