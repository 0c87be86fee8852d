// The run the canvas looks inside: the training store's run on show, when it belongs to the open
// document. Works without a TrainingProvider (a canvas on its own): then there is none.
import { useContext } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DivergenceOrigin, LayerStatsEvent } from '../../../engine/api/events';
import { TrainingStoreContext } from '../training/training-context';
import type { TrainingStore } from '../training/training-store';

const noTraining = createStore<TrainingStore>()(
  () =>
    ({
      activeRunId: null,
      runs: {},
      layerStats: {},
      weights: {},
      modelKey: null,
    }) as unknown as TrainingStore,
);

export function useTrainingSelect<T>(selector: (s: TrainingStore) => T): T {
  return useStore(useContext(TrainingStoreContext) ?? noTraining, selector);
}

/** The run on show's id, if it is the open document's. */
export const selectRunOnShow = (s: TrainingStore): string | null => {
  const id = s.activeRunId;
  if (id === null) return null;
  const run = s.runs[id];
  return run !== undefined && run.modelKey === s.modelKey ? id : null;
};

/** The run on show's latest layer statistics. */
export const selectStatsOnShow = (s: TrainingStore): LayerStatsEvent | null => {
  const id = selectRunOnShow(s);
  return id === null ? null : (s.layerStats[id]?.latest ?? null);
};

/** Where the run on show diverged, if it failed with a layer to name. */
export const selectFailureOriginOnShow = (s: TrainingStore): DivergenceOrigin | undefined => {
  const id = selectRunOnShow(s);
  return id === null ? undefined : s.runs[id]?.failureOrigin;
};
