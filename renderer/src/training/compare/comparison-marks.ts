// What a comparison draws besides curves: each run's setting changes as chart markers, and the newer
// graph's added and changed layers as marks for the canvas.
import { detailText, type GraphDiff } from '../../../../engine/graph-diff';
import type { DiffMark } from '../../editor/canvas/diff-marks';
import { markerX, type ChartMarker } from '../chart-markers';
import type { RunRecord } from '../run-record';

/** A run's setting changes on the epoch axis: epoch e's points sit at x = e, so a change before batch
 *  `step + 1` of epoch e sits that far past x = e - 1. */
export function adjustmentMarkers(run: RunRecord, color: string): ChartMarker[] {
  return run.adjustments.map((a) => ({
    x: markerX(a, run, true),
    label: `${run.label}: ${a.label}`,
    color,
  }));
}

/** The canvas marks for a diff: the newer graph's added and changed layers, by name. */
export function diffMarks(
  diff: GraphDiff,
  text: { added: () => string; changed: (details: string) => string },
): Record<string, DiffMark> {
  const marks: Record<string, DiffMark> = {};
  for (const change of diff.added) marks[change.name] = { kind: 'added', text: text.added() };
  for (const change of diff.changed)
    if (change.kind === 'changed')
      marks[change.name] = { kind: 'changed', text: text.changed(change.details.map(detailText).join(', ')) };
  return marks;
}
