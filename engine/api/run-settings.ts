// What a training run needs beyond the optimizer: the data, epochs, batch size, validation split and
// early stopping. Stored with the training config in the model file's "training" section.
import { z } from 'zod';
import { trainingConfigSchema, type TrainingConfig } from '../training-config';
import { earlyStoppingSchema } from './early-stopping';
import { scheduledAdjustmentSchema } from './run-adjustment';

export { earlyStoppingSchema };

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be from ${min} to ${max}` })
    .max(max, { error: `${what} must be from ${min} to ${max}` });

export const runSettingsSchema = z.strictObject({
  /** 'mnist', 'fashion-mnist', or a folder of IDX files / a CSV file. */
  dataset: z.string({ error: 'dataset must be a string' }).min(1).default('mnist'),
  epochs: wholeNumber('epochs', 1, 1000).default(5),
  batch_size: wholeNumber('batch_size', 1, 4096).default(32),
  /** The last fraction of the training set, held out for validation (Keras validation_split). */
  validation_split: z
    .number()
    .min(0, { error: 'validation_split must be from 0 to 0.9' })
    .max(0.9, { error: 'validation_split must be from 0 to 0.9' })
    .default(0.1),
  /** Train on the first N training samples only (quick runs); null for all. */
  limit: wholeNumber('limit', 1, 10_000_000).nullable().default(null),
  /** Stop when the validation loss stops improving, restoring the best weights. */
  early_stopping: earlyStoppingSchema.nullable().default(null),
  /** Compute threads; null uses every core. */
  threads: wholeNumber('threads', 1, 256).nullable().default(null),
  /** The most memory (MiB) training may need by the estimate; null: 60% of the machine's memory. */
  memory_budget_mb: z
    .number({ error: 'memory_budget_mb must be a number' })
    .min(1, { error: 'memory_budget_mb must be from 1 to 16777216 (16 TiB)' })
    .max(16_777_216, { error: 'memory_budget_mb must be from 1 to 16777216 (16 TiB)' })
    .nullable()
    .default(null),
  /** Changes scripted to apply at given points of the run (issue 17): a paused run adjusted by hand,
   *  replayed. Each applies before batch `step + 1` of epoch `epoch`. */
  adjustments: z
    .array(scheduledAdjustmentSchema)
    .max(1000, { error: 'a run takes at most 1000 adjustments' })
    .default([]),
});

export const trainingRunSchema = trainingConfigSchema.extend(runSettingsSchema.shape);
export type TrainingRun = z.output<typeof trainingRunSchema>;
export type TrainingRunInput = z.input<typeof trainingRunSchema>;

/** The part of a run the native core takes (loss, optimizer, schedule, regularisation, seed). */
export function coreConfigOf(run: TrainingRun): TrainingConfig {
  return z.object(trainingConfigSchema.shape).parse(run);
}
