// English strings of "Continue training": starting a run from an earlier run's weights after an edit.
export const continueTraining = {
  button: 'Continue training',
  buttonHint: 'Start from the trained weights of {{run}} where they still fit the model',
  title: 'Continue from {{run}}',
  keep_one: 'Keep trained weights: {{layers}} ({{count}} layer)',
  keep_other: 'Keep trained weights: {{layers}} ({{count}} layers)',
  initialise: 'Initialise:',
  dropped: 'No longer in the model (their weights are left out): {{layers}}',
  nothingFits: 'None of the trained weights of {{run}} fit the current model: train from scratch instead.',
  reasonNew: 'new or renamed layer',
  reasonMissing: "layer type changed: no trained '{{weight}}'",
  reasonShape: '{{weight}} changed: {{from}} → {{to}}',
  start: 'Start',
  trainFromScratch: 'Train from scratch',
  cancel: 'Cancel',
};
