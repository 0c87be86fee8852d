// Applies one adjustment of a run (issue 17) to the live model and the loop's state, and describes it as
// the AdjustedEvent. The one path for both a paused run adjusted by hand (training.adjust) and a scripted
// one (the run's `adjustments`), so that the two give the same weights.
import type { AdjustedEvent, SettingChange } from '../../engine/api/events';
import type { RunAdjustment } from '../../engine/api/run-adjustment';
import type { TrainingRun } from '../../engine/api/run-settings';
import { dropoutRateOf } from '../../engine/training/dropout-rate';
import type { NativeModel } from '../lib/native-model';

type EarlyStopping = TrainingRun['early_stopping'];

/** The best validation loss so far and the weights that had it (early stopping). */
export interface BestEpoch {
  loss: number;
  epoch: number;
  weights: Record<string, Float32Array> | undefined;
  waited: number;
}

export const noBestEpoch = (): BestEpoch => ({
  loss: Number.POSITIVE_INFINITY,
  epoch: 0,
  weights: undefined,
  waited: 0,
});

/** What an adjustment may change besides the model: the loop reads these before each epoch and batch. */
export interface AdjustableRun {
  readonly model: NativeModel;
  readonly trainCount: number;
  readonly epochs: number;
  /** The batch size of the coming epochs (the running one keeps its own). */
  batchSize: number;
  /** Batches in the running epoch. */
  stepsPerEpoch: number;
  earlyStopping: EarlyStopping;
  best: BestEpoch;
  /** The current rate of every layer that has one, by name. */
  readonly dropout: Map<string, number>;
}

/** Where the run is: `step` batches of `epoch` done, `globalStep` optimizer steps in all. */
export interface RunPosition {
  readonly epoch: number;
  readonly step: number;
  readonly globalStep: number;
}

/** A change that cannot apply (unknown layer, same value): the message names the field. */
export class AdjustmentError extends Error {}

export function dropoutRates(model: NativeModel): Map<string, number> {
  const rates = new Map<string, number>();
  for (const node of model.plan.nodes) {
    const rate = dropoutRateOf(node);
    if (rate !== undefined) rates.set(node.name, rate);
  }
  return rates;
}

export const stepsPerEpochOf = (batchSize: number, trainCount: number) =>
  Math.ceil(trainCount / Math.min(batchSize, trainCount));

const earlyStoppingText = (e: EarlyStopping) =>
  e === null ? 'off' : `patience ${e.patience}, min_delta ${e.min_delta}`;
const earlyStoppingLabel = (e: EarlyStopping) =>
  e === null
    ? 'off'
    : e.min_delta === 0
      ? `patience ${e.patience}`
      : `patience ${e.patience}, min_delta ${e.min_delta}`;

/** Checks every change first (nothing applies when one is wrong), then applies them all. */
export function applyAdjustment(run: AdjustableRun, changes: RunAdjustment, at: RunPosition): AdjustedEvent {
  const { model } = run;
  const optimizer = model.config.optimizer;
  const same = (field: string, value: unknown) =>
    new AdjustmentError(`${field}: the run already uses ${String(value)}`);
  if (changes.learning_rate !== undefined && changes.learning_rate === optimizer.learning_rate)
    throw same('learning_rate', changes.learning_rate);
  if (changes.optimizer !== undefined && changes.optimizer === optimizer.type)
    throw same('optimizer', changes.optimizer);
  if (changes.batch_size !== undefined && changes.batch_size === run.batchSize)
    throw same('batch_size', changes.batch_size);
  if (
    changes.early_stopping !== undefined &&
    earlyStoppingText(changes.early_stopping) === earlyStoppingText(run.earlyStopping)
  )
    throw same('early_stopping', earlyStoppingText(changes.early_stopping));
  for (const [layer, rate] of Object.entries(changes.dropout ?? {})) {
    const current = run.dropout.get(layer);
    if (current === undefined) {
      const node = model.plan.nodes.find((n) => n.name === layer);
      throw new AdjustmentError(
        node === undefined
          ? `dropout.${layer}: the model has no layer named '${layer}'`
          : `dropout.${layer}: layer '${layer}' (${node.type}) has no dropout rate`,
      );
    }
    if (current === rate) throw same(`dropout.${layer}`, `rate ${rate}`);
  }

  const settings: SettingChange[] = [];
  const labels: string[] = [];
  if (changes.learning_rate !== undefined) {
    settings.push({ setting: 'learning_rate', from: optimizer.learning_rate, to: changes.learning_rate });
    labels.push(`lr ${optimizer.learning_rate} → ${changes.learning_rate}`);
    model.setLearningRate(changes.learning_rate);
  }
  if (changes.optimizer !== undefined) {
    settings.push({ setting: 'optimizer', from: optimizer.type, to: changes.optimizer });
    labels.push(`optimizer ${optimizer.type} → ${changes.optimizer} (state reset)`);
    model.setOptimizer(changes.optimizer);
  }
  let batches: AdjustedEvent['batches'];
  if (changes.batch_size !== undefined) {
    // An epoch keeps one batch size: the change waits for the next epoch unless this one has not begun.
    const fromEpoch = at.step === 0 ? at.epoch : at.epoch + 1;
    const steps = stepsPerEpochOf(changes.batch_size, run.trainCount);
    const left = at.step === 0 ? 0 : run.stepsPerEpoch - at.step;
    settings.push({ setting: 'batch_size', from: run.batchSize, to: changes.batch_size });
    labels.push(`batch ${run.batchSize} → ${changes.batch_size} (from epoch ${fromEpoch})`);
    run.batchSize = changes.batch_size;
    batches = {
      from_epoch: fromEpoch,
      steps_per_epoch: steps,
      total_steps: at.globalStep + left + steps * Math.max(0, run.epochs - fromEpoch + 1),
    };
  }
  if (changes.early_stopping !== undefined) {
    const to = changes.early_stopping;
    settings.push({
      setting: 'early_stopping',
      from: earlyStoppingText(run.earlyStopping),
      to: earlyStoppingText(to),
    });
    labels.push(`early stopping ${earlyStoppingLabel(run.earlyStopping)} → ${earlyStoppingLabel(to)}`);
    // Turned on: it watches from now on. Turned off: no epoch is restored at the end.
    if (run.earlyStopping === null || to === null) run.best = noBestEpoch();
    run.earlyStopping = to;
  }
  for (const [layer, rate] of Object.entries(changes.dropout ?? {})) {
    const from = run.dropout.get(layer) as number;
    settings.push({ setting: 'dropout', layer, from, to: rate });
    labels.push(`dropout ${from} → ${rate} (${layer})`);
    model.setDropoutRate(layer, rate);
    run.dropout.set(layer, rate);
  }
  return {
    type: 'adjusted',
    epoch: at.epoch,
    step: at.step,
    global_step: at.globalStep,
    changes: settings,
    optimizer_reset: changes.optimizer !== undefined,
    label: labels.join(', '),
    ...(batches === undefined ? {} : { batches }),
  };
}
