// Changes to a run while it is paused (issue 17): the learning rate, the optimizer, the batch size, early
// stopping and Dropout rates. The same shape, with the point where it applies, scripts a run's schedule
// (the run setting `adjustments`), so a run adjusted by hand can be replayed exactly.
import { z } from 'zod';
import { earlyStoppingSchema } from './early-stopping';

const OPTIMIZER_TYPES = ['sgd', 'adam', 'adamw', 'rmsprop'] as const;

export const runAdjustmentSchema = z
  .strictObject({
    /** The optimizer's new learning rate (the schedule, if any, goes on from it). */
    learning_rate: z
      .number({ error: 'learning_rate must be a number' })
      .positive({ error: 'learning_rate must be greater than 0' })
      .max(1e6, { error: 'learning_rate must be at most 1000000' })
      .optional(),
    /** A new optimizer type, with its Keras defaults: its state (moments) starts from zero. */
    optimizer: z
      .enum(OPTIMIZER_TYPES, { error: "optimizer must be one of 'sgd', 'adam', 'adamw', 'rmsprop'" })
      .optional(),
    /** Takes effect from the next epoch (an epoch keeps one batch size). */
    batch_size: z
      .number({ error: 'batch_size must be a number' })
      .int({ error: 'batch_size must be a whole number' })
      .min(1, { error: 'batch_size must be from 1 to 4096' })
      .max(4096, { error: 'batch_size must be from 1 to 4096' })
      .optional(),
    /** New early-stopping settings; null turns it off. */
    early_stopping: earlyStoppingSchema.nullable().optional(),
    /** New rates for Dropout-family layers, by layer name. */
    dropout: z
      .record(
        z.string().min(1).max(100),
        z
          .number({ error: 'a dropout rate must be a number' })
          .min(0, { error: 'a dropout rate must be from 0 to 0.95' })
          .max(0.95, { error: 'a dropout rate must be from 0 to 0.95' }),
      )
      .optional(),
  })
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), {
    error: 'an adjustment must change at least one setting',
  });
export type RunAdjustment = z.output<typeof runAdjustmentSchema>;

/** An adjustment scripted to apply before a given batch: epoch `epoch`, after `step` of its batches. */
export const scheduledAdjustmentSchema = z.strictObject({
  epoch: z.number().int().min(1).max(1000),
  /** Batches of that epoch done before it applies (0: at the epoch's start). */
  step: z.number().int().min(0).max(10_000_000),
  changes: runAdjustmentSchema,
});
export type ScheduledAdjustment = z.output<typeof scheduledAdjustmentSchema>;
