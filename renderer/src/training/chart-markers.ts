// Where the charts mark a run's adjustments (settings changed while paused): on the batch charts at the
// batch point's x (the same global-step formula the batch points use), on the epoch charts at the epoch
// boundary plus the fraction of the epoch done (epoch e's point sits at x = e, its end).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjustedEvent } from '../../../engine/api/events';
import { selectActiveRun } from './selectors';
import { useTrainingStore } from './useTrainingStore';

export interface ChartMarker {
  readonly x: number;
  readonly label: string;
  /** The line's and label's colour (a compared run's); the muted text colour otherwise. */
  readonly color?: string;
}

/** x of an adjustment on the batch charts, or (`epochs`) on the epoch charts. */
export function markerX(a: AdjustedEvent, stepsPerEpoch: number, epochs: boolean): number {
  if (stepsPerEpoch <= 0) return epochs ? a.epoch - 1 : a.global_step;
  return epochs ? a.epoch - 1 + Math.min(a.step / stepsPerEpoch, 1) : (a.epoch - 1) * stepsPerEpoch + a.step;
}

const NO_ADJUSTMENTS: readonly AdjustedEvent[] = [];

/** The run on show's markers, labelled (an optimizer reset said so); new only when they change. */
export function useRunMarkers(chart: 'batch' | 'epoch'): readonly ChartMarker[] {
  const { t } = useTranslation();
  const adjustments = useTrainingStore((s) => selectActiveRun(s)?.adjustments ?? NO_ADJUSTMENTS);
  const perEpoch = useTrainingStore((s) => selectActiveRun(s)?.started?.steps_per_epoch ?? 0);
  return useMemo(
    () =>
      adjustments.map((a) => ({
        x: markerX(a, perEpoch, chart === 'epoch'),
        label: a.optimizer_reset ? t('adjust.marker.reset', { label: a.label }) : a.label,
      })),
    [adjustments, perEpoch, chart, t],
  );
}
