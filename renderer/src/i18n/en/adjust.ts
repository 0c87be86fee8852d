// English strings for changing a paused run's settings (issue 17) and the charts' markers of those changes.
export const adjust = {
  title: 'Change while paused',
  hint: 'These settings apply to this run from where it paused; the others stay as it started.',
  learningRate: 'Learning rate',
  optimizer: 'Optimizer',
  batchSize: 'Batch size',
  earlyStopping: 'Early stopping',
  patience: 'Patience (epochs)',
  minDelta: 'Min. improvement',
  dropout: 'Dropout rates',
  dropoutRate: '{{layer}} rate',
  optimizerReset: 'A new optimizer starts its state (moments) from zero.',
  batchNextEpoch: 'The new batch size applies from the next epoch.',
  apply: 'Apply',
  discard: 'Discard',
  applyAndResume: 'Apply and resume',
  refused: 'Not applied: {{message}}',
};
