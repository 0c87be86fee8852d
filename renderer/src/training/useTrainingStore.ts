// Reads the training store with a narrow selector (re-rendering only when the selected value changes),
// or gets the store itself for actions.
import { useContext } from 'react';
import { useStore } from 'zustand';
import { TrainingStoreContext } from './training-context';
import type { TrainingStore, TrainingStoreApi } from './training-store';

export function useTrainingStoreApi(): TrainingStoreApi {
  const store = useContext(TrainingStoreContext);
  if (store === null) throw new Error('useTrainingStore needs a <TrainingProvider> above it');
  return store;
}

export function useTrainingStore<T>(selector: (state: TrainingStore) => T): T {
  return useStore(useTrainingStoreApi(), selector);
}
