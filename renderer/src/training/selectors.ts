// Narrow selectors over the training store; each returns a value that stays the same object while the
// data behind it is unchanged, so components re-render only when their slice changes.
import type { RunRecord } from './run-record';
import { liveRunId, type TrainingState } from './training-store';

export const selectActiveRun = (s: TrainingState): RunRecord | null =>
  s.activeRunId === null ? null : (s.runs[s.activeRunId] ?? null);

/** The run the controls act on: the live one if any, otherwise the one on show. */
export const selectControlledRun = (s: TrainingState): RunRecord | null => {
  const live = liveRunId(s);
  return live === null ? selectActiveRun(s) : (s.runs[live] ?? null);
};

export const selectHasLiveRun = (s: TrainingState): boolean => liveRunId(s) !== null;

/** Session ids of the runs of one model, newest first (compare with useShallow). */
export const selectRunIdsOfModel =
  (modelKey: string | null) =>
  (s: TrainingState): string[] =>
    s.runOrder.filter((id) => modelKey === null || s.runs[id]?.modelKey === modelKey).reverse();

export const selectClassNames = (s: TrainingState, dataset: string | undefined): readonly string[] | null =>
  s.datasets?.find((d) => d.id === dataset)?.classNames ?? null;
