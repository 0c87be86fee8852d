// The training part of the UI: the store and its provider, the controls, the dashboard, and the mapping
// between the settings form and a model file's "training" section.
export { TrainingProvider, type TrainingProviderProps } from './TrainingProvider';
export { TrainingControls, type TrainingControlsProps } from './TrainingControls';
export { TrainingDashboard } from './TrainingDashboard';
export { useTrainingStore, useTrainingStoreApi } from './useTrainingStore';
export {
  createTrainingStore,
  liveRunId,
  type TrainingActions,
  type TrainingState,
  type TrainingStore,
  type TrainingStoreApi,
  type TrainingStoreOptions,
  type UserError,
} from './training-store';
export { selectActiveRun, selectControlledRun, selectHasLiveRun } from './selectors';
export type { BatchPoint, EpochPoint, RunRecord } from './run-record';
export {
  DEFAULT_SETTINGS,
  OPTIMIZERS,
  runToSettings,
  settingsToRun,
  type OptimizerName,
  type TrainingSettings,
} from './run-settings-map';
export { downsample, smooth } from './chart-data';
export { preprocessDigit } from './digit-preprocess';
