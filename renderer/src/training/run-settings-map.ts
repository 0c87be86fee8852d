// The training form's settings and their mapping to and from a TrainingRun (training.start's `run`, and
// the model file's "training" section), so settings survive a save and a reload of the model.
import type { TrainingRunInput } from '../../../engine/api/run-settings';

export const OPTIMIZERS = ['adam', 'adamw', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface TrainingSettings {
  readonly dataset: string;
  readonly epochs: number;
  readonly batch_size: number;
  readonly optimizer: OptimizerName;
  readonly learning_rate: number;
  readonly validation_split: number;
  readonly seed: number;
  readonly early_stopping: boolean;
  readonly patience: number;
  /** The smallest decrease of the validation loss that counts as an improvement (early stopping). */
  readonly min_delta: number;
  /** Train on the first N samples only; null for all. */
  readonly limit: number | null;
  /** Compute threads; null uses every core (fewer keep the rest of the machine responsive). */
  readonly threads: number | null;
  /** The most memory (MiB) training may need by the estimate; null: the default share of the machine. */
  readonly memory_budget_mb: number | null;
}

export const DEFAULT_SETTINGS: TrainingSettings = {
  dataset: 'mnist',
  epochs: 5,
  batch_size: 32,
  optimizer: 'adam',
  learning_rate: 0.001,
  validation_split: 0.1,
  seed: 42,
  early_stopping: false,
  patience: 3,
  min_delta: 0,
  limit: null,
  threads: null,
  memory_budget_mb: null,
};

type RunInput = Partial<TrainingRunInput>;
type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `run` for training.start. With `base` (e.g. the model file's current training section), the
 * optimizer's other hyperparameters (momentum, betas...) are kept when its type is unchanged, and so are
 * its scripted `adjustments` (the form does not edit them; a save must not lose them).
 */
export function settingsToRun(settings: TrainingSettings, base?: unknown): RunInput {
  const previous = isObject(base) && isObject(base.optimizer) ? base.optimizer : null;
  const optimizer = {
    ...(previous?.type === settings.optimizer ? previous : {}),
    type: settings.optimizer,
    learning_rate: settings.learning_rate,
  } as RunInput['optimizer'];
  return {
    dataset: settings.dataset,
    epochs: settings.epochs,
    batch_size: settings.batch_size,
    validation_split: settings.validation_split,
    limit: settings.limit,
    threads: settings.threads,
    memory_budget_mb: settings.memory_budget_mb,
    early_stopping: settings.early_stopping
      ? { patience: settings.patience, min_delta: settings.min_delta }
      : null,
    seed: settings.seed,
    optimizer,
    ...(isObject(base) && Array.isArray(base.adjustments)
      ? { adjustments: base.adjustments as RunInput['adjustments'] }
      : {}),
  };
}

const wholeIn = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

const numberIn = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;

/** Settings from a run or a model file's training section; missing or invalid fields take the defaults. */
export function runToSettings(run: unknown): TrainingSettings {
  if (!isObject(run)) return DEFAULT_SETTINGS;
  const d = DEFAULT_SETTINGS;
  const optimizer = isObject(run.optimizer) ? run.optimizer : {};
  const type = OPTIMIZERS.find((name) => name === optimizer.type);
  const early = isObject(run.early_stopping) ? run.early_stopping : null;
  return {
    dataset: typeof run.dataset === 'string' && run.dataset !== '' ? run.dataset : d.dataset,
    epochs: wholeIn(run.epochs, 1, 1000) ?? d.epochs,
    batch_size: wholeIn(run.batch_size, 1, 4096) ?? d.batch_size,
    optimizer: type ?? d.optimizer,
    learning_rate:
      numberIn(optimizer.learning_rate, Number.MIN_VALUE, Infinity) ??
      (type === 'sgd' ? 0.01 : d.learning_rate),
    validation_split: numberIn(run.validation_split, 0, 0.9) ?? d.validation_split,
    seed: wholeIn(run.seed, 0, 2 ** 32 - 1) ?? d.seed,
    early_stopping: early !== null,
    patience: wholeIn(early?.patience, 1, 1000) ?? d.patience,
    min_delta: numberIn(early?.min_delta, 0, Infinity) ?? d.min_delta,
    limit: wholeIn(run.limit, 1, 10_000_000) ?? null,
    threads: wholeIn(run.threads, 1, 256) ?? null,
    memory_budget_mb: numberIn(run.memory_budget_mb, 1, 16_777_216) ?? null,
  };
}
