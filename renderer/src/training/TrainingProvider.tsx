// Makes one training store available to the training components: restores the backend's runs and loads
// the dataset list on mount, and stops listening to events on unmount.
import { useEffect, useState, type ReactNode } from 'react';
import type { LayerwiseApi } from '../../../engine/api/contract';
import { TrainingStoreContext } from './training-context';
import { createTrainingStore, type TrainingStoreApi } from './training-store';

export interface TrainingProviderProps {
  readonly api: LayerwiseApi;
  /** A store made elsewhere (tests); by default one is created for `api`. */
  readonly store?: TrainingStoreApi;
  readonly children?: ReactNode;
}

/**
 * Training events are applied to the UI in batches, at most 5 times a second: smooth enough for curves
 * and progress, and each update's rendering competes with training for the cores (on 2 cores, 20 updates
 * a second cost the run about a tenth of its speed; measured: npm run bench -- app).
 */
export const EVENT_BATCH_MS = 200;

export function TrainingProvider({ api, store: given, children }: TrainingProviderProps) {
  const [store] = useState(() => given ?? createTrainingStore(api, { eventBatchMs: EVENT_BATCH_MS }));
  useEffect(() => {
    const state = store.getState();
    void state.restore();
    if (state.datasets === null) void state.loadDatasets();
    return () => store.getState().dispose();
  }, [store]);
  return <TrainingStoreContext value={store}>{children}</TrainingStoreContext>;
}
