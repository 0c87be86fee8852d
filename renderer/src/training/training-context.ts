// The React context carrying the training store, shared by TrainingProvider and useTrainingStore.
import { createContext } from 'react';
import type { TrainingStoreApi } from './training-store';

export const TrainingStoreContext = createContext<TrainingStoreApi | null>(null);
