// A run's scripted adjustments (the run setting `adjustments`, issue 17), handed to the loop when they are
// due: each before batch step + 1 of its epoch. Problems are named by the entry's place in the list.
import type { AdjustedEvent } from '../../engine/api/events';
import type { ScheduledAdjustment } from '../../engine/api/run-adjustment';
import { AdjustmentError, applyAdjustment, type AdjustableRun, type RunPosition } from './adjust-run';

export class AdjustmentScript {
  /** Not yet applied, by when they apply. */
  private readonly pending: ScheduledAdjustment[];

  constructor(private readonly entries: readonly ScheduledAdjustment[]) {
    this.pending = [...entries].sort((a, b) => a.epoch - b.epoch || a.step - b.step);
  }

  /** What makes the script wrong for this run before it starts (an unknown layer, an epoch past the end). */
  problem(run: AdjustableRun): string | null {
    for (const [i, { epoch, changes }] of this.entries.entries()) {
      if (epoch > run.epochs)
        return `adjustments[${i}].epoch: epoch ${epoch} is past the run's ${run.epochs} epochs`;
      for (const layer of Object.keys(changes.dropout ?? {}))
        if (!run.dropout.has(layer))
          return `adjustments[${i}].changes.dropout.${layer}: the model has no layer '${layer}' with a dropout rate`;
    }
    return null;
  }

  /** Applies the entries due at `at`; throws an AdjustmentError naming the entry that cannot apply. */
  applyDue(run: AdjustableRun, at: RunPosition): AdjustedEvent[] {
    const applied: AdjustedEvent[] = [];
    for (
      let next = this.pending[0];
      next?.epoch === at.epoch && next.step === at.step;
      next = this.pending[0]
    ) {
      this.pending.shift();
      try {
        applied.push(applyAdjustment(run, next.changes, at));
      } catch (error) {
        if (!(error instanceof AdjustmentError)) throw error;
        throw new AdjustmentError(`adjustments[${this.entries.indexOf(next)}].changes.${error.message}`);
      }
    }
    return applied;
  }

  /** Once an epoch's batch count is known: an entry of that epoch that its batches never reach. */
  beyond(epoch: number, stepsPerEpoch: number): string | null {
    const late = this.pending.find((s) => s.epoch === epoch && s.step >= stepsPerEpoch);
    return late === undefined
      ? null
      : `adjustments[${this.entries.indexOf(late)}].step: epoch ${epoch} has ${stepsPerEpoch} batches, so step must be below ${stepsPerEpoch}`;
  }
}
