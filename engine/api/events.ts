// The training event stream: what a session reports while it runs, identical over Electron IPC,
// WebSocket and the CLI's --json output.
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

export interface FailedEvent {
  readonly type: 'failed';
  readonly message: string;
}

export type TrainingEvent =
  StartedEvent | BatchEvent | EpochEvent | ProgressEvent | StateEvent | CompletedEvent | FailedEvent;
