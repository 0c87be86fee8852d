// Where the charts mark a run's adjustments (settings changed while paused): on the batch charts at the
// batch point's x (its global step, run-steps.ts), on the epoch charts at the epoch boundary plus the
// fraction of the epoch done (epoch e's point sits at x = e, its end).
import { useMemo } from 'react';
import type { AdjustedEvent } from '../../../engine/api/events';
import { stepsInEpoch, type RunSteps } from './run-steps';
import { selectActiveRun } from './selectors';
import { useTrainingStore } from './useTrainingStore';

export interface ChartMarker {
  readonly x: number;
  readonly label: string;
  /** The line's and label's colour (a compared run's); the muted text colour otherwise. */
  readonly color?: string;
}

/** x of an adjustment on the batch charts (its global step), or (`epochs`) on the epoch charts (the
 *  epoch's start plus the share of its batches done). */
export function markerX(a: AdjustedEvent, run: RunSteps, epochs: boolean): number {
  if (!epochs) return a.global_step;
  const steps = stepsInEpoch(run, a.epoch);
  return a.epoch - 1 + (steps > 0 ? Math.min(a.step / steps, 1) : 0);
}

const NO_ADJUSTMENTS: readonly AdjustedEvent[] = [];

/** The run on show's markers (the core's labels say an optimizer's state was reset); new only when they
 *  change. */
export function useRunMarkers(chart: 'batch' | 'epoch'): readonly ChartMarker[] {
  const adjustments = useTrainingStore((s) => selectActiveRun(s)?.adjustments ?? NO_ADJUSTMENTS);
  const started = useTrainingStore((s) => selectActiveRun(s)?.started ?? null);
  return useMemo(
    () =>
      adjustments.map((a) => ({
        x: markerX(a, { started, adjustments }, chart === 'epoch'),
        label: a.label,
      })),
    [adjustments, started, chart],
  );
}
