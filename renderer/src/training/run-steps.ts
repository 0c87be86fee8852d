// Where a batch sits on a run's step axis. An epoch keeps one batch size, but a paused run's batch size
// may change from a later epoch on (the adjusted event's `batches`), so epochs can differ in length: the
// global step of (epoch, step) is the sum of the earlier epochs' lengths plus step.
import type { AdjustedEvent, StartedEvent } from '../../../engine/api/events';

export interface RunSteps {
  readonly started: StartedEvent | null;
  readonly adjustments: readonly AdjustedEvent[];
}

/** Batches in epoch `epoch` (0 before the run has started). */
export function stepsInEpoch(run: RunSteps, epoch: number): number {
  let steps = run.started?.steps_per_epoch ?? 0;
  for (const a of run.adjustments)
    if (a.batches !== undefined && a.batches.from_epoch <= epoch) steps = a.batches.steps_per_epoch;
  return steps;
}

/** Optimizer steps before epoch `epoch` starts. */
export function stepsBeforeEpoch(run: RunSteps, epoch: number): number {
  const perEpoch = run.started?.steps_per_epoch ?? 0;
  if (!run.adjustments.some((a) => a.batches !== undefined)) return (epoch - 1) * perEpoch;
  let total = 0;
  for (let e = 1; e < epoch; e++) total += stepsInEpoch(run, e);
  return total;
}

/** The global step (the batch chart's x) of batch `step` of epoch `epoch`. */
export const globalStepOf = (run: RunSteps, epoch: number, step: number): number =>
  stepsBeforeEpoch(run, epoch) + step;
