// The training configuration: loss, optimizer (Keras names and defaults), regularisation and schedule.
// Shared by the training panel, the CLI, the model file's "training" section and the native core.
import { z } from 'zod';

export const LOSSES = [
  'sparse_categorical_crossentropy',
  'categorical_crossentropy',
  'binary_crossentropy',
  'mean_squared_error',
] as const;
export type LossName = (typeof LOSSES)[number];

const positive = (what: string) =>
  z.number({ error: `${what} must be a number` }).positive({ error: `${what} must be above 0` });
const fraction = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, { error: `${what} must be from 0 to 1` })
    .max(1, { error: `${what} must be from 0 to 1` });
const unitOpen = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, { error: `${what} must be at least 0 and below 1` })
    .lt(1, { error: `${what} must be at least 0 and below 1` });

// Keras 3 defaults for each optimizer.
export const optimizerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('sgd'),
      learning_rate: positive('learning_rate').default(0.01),
      momentum: unitOpen('momentum').default(0),
      nesterov: z.boolean().default(false),
    }),
    z.strictObject({
      type: z.literal('adam'),
      learning_rate: positive('learning_rate').default(0.001),
      beta_1: unitOpen('beta_1').default(0.9),
      beta_2: unitOpen('beta_2').default(0.999),
      epsilon: positive('epsilon').default(1e-7),
    }),
    z.strictObject({
      type: z.literal('adamw'),
      learning_rate: positive('learning_rate').default(0.001),
      beta_1: unitOpen('beta_1').default(0.9),
      beta_2: unitOpen('beta_2').default(0.999),
      epsilon: positive('epsilon').default(1e-7),
      weight_decay: fraction('weight_decay').default(0.004),
    }),
    z.strictObject({
      type: z.literal('rmsprop'),
      learning_rate: positive('learning_rate').default(0.001),
      rho: unitOpen('rho').default(0.9),
      momentum: unitOpen('momentum').default(0),
      epsilon: positive('epsilon').default(1e-7),
    }),
  ],
  { error: "optimizer.type must be one of 'sgd', 'adam', 'adamw', 'rmsprop'" },
);
export type OptimizerConfig = z.output<typeof optimizerSchema>;

export const scheduleSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('constant') }),
    // Multiplies the rate by gamma every `every_steps` optimizer steps.
    z.strictObject({
      type: z.literal('step'),
      every_steps: z.number().int().positive({ error: 'every_steps must be a whole number above 0' }),
      gamma: positive('gamma').max(1, { error: 'gamma must be at most 1' }).default(0.5),
    }),
    // Keras CosineDecay: from the rate down to alpha * rate over decay_steps, then constant.
    z.strictObject({
      type: z.literal('cosine'),
      decay_steps: z.number().int().positive({ error: 'decay_steps must be a whole number above 0' }),
      alpha: fraction('alpha').default(0),
    }),
  ],
  { error: "schedule.type must be one of 'constant', 'step', 'cosine'" },
);
export type ScheduleConfig = z.output<typeof scheduleSchema>;

export const trainingConfigSchema = z.strictObject({
  loss: z
    .enum(LOSSES, { error: `loss must be one of ${LOSSES.join(', ')}` })
    .default('sparse_categorical_crossentropy'),
  optimizer: optimizerSchema.default({
    type: 'adam',
    learning_rate: 0.001,
    beta_1: 0.9,
    beta_2: 0.999,
    epsilon: 1e-7,
  }),
  schedule: scheduleSchema.default({ type: 'constant' }),
  /** Rescales all gradients together when their global L2 norm exceeds this (Keras global_clipnorm). */
  global_clipnorm: positive('global_clipnorm').nullable().default(null),
  /** L2 penalty on every kernel: loss += l2 * sum(kernel²), like Keras' kernel_regularizer=l2(...). */
  l2: z.number().min(0, { error: 'l2 must be at least 0' }).default(0),
  /** Seeds initialisation, dropout and shuffling: one seed makes a run reproducible for a thread count. */
  seed: z
    .number()
    .int({ error: 'seed must be a whole number' })
    .min(0)
    .max(2 ** 32 - 1)
    .default(42),
});
export type TrainingConfig = z.output<typeof trainingConfigSchema>;
export type TrainingConfigInput = z.input<typeof trainingConfigSchema>;

export function defaultTrainingConfig(): TrainingConfig {
  return trainingConfigSchema.parse({});
}
