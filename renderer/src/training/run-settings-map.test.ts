// The form settings <-> TrainingRun mapping used for training.start and the model file.
import { describe, expect, it } from 'vitest';
import { trainingRunSchema } from '../../../engine/api/run-settings';
import { DEFAULT_SETTINGS, runToSettings, settingsToRun, type TrainingSettings } from './run-settings-map';

const custom: TrainingSettings = {
  dataset: 'fashion-mnist',
  epochs: 12,
  batch_size: 128,
  optimizer: 'sgd',
  learning_rate: 0.05,
  validation_split: 0.2,
  seed: 7,
  early_stopping: true,
  patience: 4,
  min_delta: 0.01,
  limit: 5000,
  threads: 1,
  memory_budget_mb: 2048,
};

describe('settingsToRun / runToSettings', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      dataset: 'mnist',
      epochs: 5,
      batch_size: 32,
      optimizer: 'adam',
    });
    expect(DEFAULT_SETTINGS).toMatchObject({
      learning_rate: 0.001,
      validation_split: 0.1,
      seed: 42,
      early_stopping: false,
    });
  });

  it('produces a run the engine schema accepts, with the expected shape', () => {
    const run = settingsToRun(custom);
    expect(run).toEqual({
      dataset: 'fashion-mnist',
      epochs: 12,
      batch_size: 128,
      validation_split: 0.2,
      limit: 5000,
      threads: 1,
      memory_budget_mb: 2048,
      early_stopping: { patience: 4, min_delta: 0.01 },
      seed: 7,
      optimizer: { type: 'sgd', learning_rate: 0.05 },
    });
    const parsed = trainingRunSchema.parse(run);
    expect(parsed.optimizer).toEqual({ type: 'sgd', learning_rate: 0.05, momentum: 0, nesterov: false });
    expect(trainingRunSchema.safeParse(settingsToRun(DEFAULT_SETTINGS)).success).toBe(true);
  });

  it('round-trips, also through the parsed (defaulted) run', () => {
    expect(runToSettings(settingsToRun(custom))).toEqual(custom);
    expect(runToSettings(trainingRunSchema.parse(settingsToRun(custom)))).toEqual(custom);
    expect(runToSettings(settingsToRun(DEFAULT_SETTINGS))).toEqual(DEFAULT_SETTINGS);
  });

  it('turns early stopping off as null and keeps the patience for later', () => {
    expect(settingsToRun({ ...custom, early_stopping: false }).early_stopping).toBeNull();
  });

  it("keeps the base optimizer's other hyperparameters when its type is unchanged", () => {
    const base = { optimizer: { type: 'sgd', learning_rate: 0.1, momentum: 0.9, nesterov: true } };
    expect(settingsToRun(custom, base).optimizer).toEqual({
      type: 'sgd',
      learning_rate: 0.05,
      momentum: 0.9,
      nesterov: true,
    });
    expect(settingsToRun({ ...custom, optimizer: 'adam' }, base).optimizer).toEqual({
      type: 'adam',
      learning_rate: 0.05,
    });
  });

  it("keeps the base's scripted adjustments, which the form does not edit", () => {
    const adjustments = [{ epoch: 2, step: 0, changes: { learning_rate: 0.0003 } }];
    const run = settingsToRun(custom, { adjustments });
    expect(run.adjustments).toEqual(adjustments);
    expect(trainingRunSchema.parse(run).adjustments).toEqual(adjustments);
    expect(settingsToRun(custom)).not.toHaveProperty('adjustments');
  });

  it('falls back to the defaults for missing or invalid fields', () => {
    expect(runToSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(runToSettings({ epochs: -3, batch_size: 1.5, optimizer: { type: 'nadam' }, seed: 'x' })).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(runToSettings({ optimizer: { type: 'sgd' } }).learning_rate).toBe(0.01);
  });
});
