// Early stopping's settings: a run setting, and one of the changes a paused run's adjustment may make
// (its own file so that run-settings.ts and run-adjustment.ts can both use it).
import { z } from 'zod';

export const earlyStoppingSchema = z.strictObject({
  /** Epochs without an improvement of the validation loss before training stops. */
  patience: z
    .number({ error: 'patience must be a number' })
    .int({ error: 'patience must be a whole number' })
    .min(1, { error: 'patience must be from 1 to 1000' })
    .max(1000, { error: 'patience must be from 1 to 1000' })
    .default(3),
  /** The smallest decrease of the validation loss that counts as an improvement. */
  min_delta: z.number().min(0, { error: 'min_delta must be at least 0' }).default(0),
});
