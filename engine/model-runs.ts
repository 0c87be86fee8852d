// The training runs a model file keeps (format version 2): each run's settings, curves, test results
// and the graph it trained, so a reopened document shows what was trained without training again.
// The weights themselves live in the file's top-level "weights" (those of one run, named by its id).
import { z } from 'zod';
import type { Graph } from './graph';

export const RUN_STATES = ['idle', 'running', 'paused', 'stopped', 'completed', 'failed'] as const;
export type SavedRunState = (typeof RUN_STATES)[number];

/** Most batch points and misclassified images a run may carry: bounds what a hostile file can cost. */
export const MAX_BATCH_POINTS = 100_000;
const MAX_LIST = 100_000;

const finite = z.number({ error: 'must be a number' }).finite({ error: 'must be a finite number' });
const count = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });
const nullableFinite = finite.nullable();

export const savedEpochSchema = z.strictObject({
  epoch: count,
  loss: finite,
  accuracy: finite,
  val_loss: nullableFinite,
  val_accuracy: nullableFinite,
});

export const savedStartedSchema = z.strictObject({
  epochs: count,
  steps_per_epoch: count,
  total_steps: count,
  train_samples: count,
  validation_samples: count,
  test_samples: count,
  total_params: count,
  trainable_params: count,
});

export const savedResultSchema = z.strictObject({
  test_loss: finite,
  test_accuracy: finite,
  confusion: z.array(z.array(count).max(1000)).max(1000),
  per_class_accuracy: z.array(finite).max(1000),
  misclassified: z.array(z.strictObject({ index: count, label: count, predicted: count })).max(MAX_LIST),
  stopped_early: z.boolean(),
  best_epoch: count.nullable(),
  train_samples_per_second: finite,
  epoch_seconds: z.array(finite).max(MAX_LIST),
});

/** Most adjustments a run may carry (each one is a pause and a change: a few in practice). */
export const MAX_ADJUSTMENTS = 1000;

const settingValue = z.union([finite, z.string().max(200)]);

/** A setting changed while the run was paused: the 'adjusted' event (engine/api/events.ts) less its type. */
export const savedAdjustmentSchema = z.strictObject({
  epoch: count,
  step: count,
  global_step: count,
  changes: z
    .array(
      z.strictObject({
        setting: z.enum(['learning_rate', 'optimizer', 'batch_size', 'early_stopping', 'dropout']),
        layer: z.string().max(100).optional(),
        from: settingValue,
        to: settingValue,
      }),
    )
    .max(1000),
  optimizer_reset: z.boolean(),
  label: z.string().max(2000),
});

export const savedRunSchema = z
  .strictObject({
    id: z.string().min(1).max(100).meta({ description: 'The run id, unique in the file.' }),
    label: z.string().max(100).meta({ description: 'Shown in the Runs table, e.g. "Run 2".' }),
    startedAt: finite.meta({ description: 'When the run started, in milliseconds since 1970.' }),
    state: z.enum(RUN_STATES),
    modelName: z.string().max(200),
    settings: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The training configuration the run used (as the "training" section).' }),
    graph: z
      .strictObject({ nodes: z.array(z.unknown()).max(10_000), edges: z.array(z.unknown()).max(100_000) })
      .optional()
      .meta({ description: 'The graph the run trained, in the "graph" section\'s form.' }),
    started: savedStartedSchema.nullable(),
    epochs: z.array(savedEpochSchema).max(MAX_LIST),
    batches: z
      .array(z.tuple([count, count, finite, finite]))
      .max(MAX_BATCH_POINTS)
      .meta({ description: 'Per-batch curve points [global step, epoch, loss, accuracy], in order.' }),
    result: savedResultSchema.nullable().meta({ description: 'Test-set results of a completed run.' }),
    failure: z.string().max(10_000).nullable(),
    adjustments: z
      .array(savedAdjustmentSchema)
      .max(MAX_ADJUSTMENTS)
      .optional()
      .meta({ description: "Settings changed while the run was paused, in order: the charts' markers." }),
  })
  .meta({ description: 'One training run of this document: settings, curves and results.' });

export type SavedRun = Omit<z.infer<typeof savedRunSchema>, 'graph'> & { readonly graph?: Graph };
