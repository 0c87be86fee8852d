// What a paused run trains with now (its start settings with every adjustment folded in, as the events
// word them) and the adjustment a form draft makes: only what differs, early stopping as one setting.
import { describe, expect, it } from 'vitest';
import type { AdjustedEvent, SettingChange } from '../../../engine/api/events';
import { chain } from '../../../engine/testing/graphs';
import { currentValues, draftChanges, settingsPatch } from './run-adjust';
import { newRunRecord } from './run-record';
import { DEFAULT_SETTINGS } from './run-settings-map';

const graph = chain([4], ['Dense', { units: 4 }], ['Dropout', { rate: 0.3 }], ['Dense', { units: 2 }]);
const event = (changes: SettingChange[]): AdjustedEvent => ({
  type: 'adjusted',
  epoch: 1,
  step: 1,
  global_step: 1,
  changes,
  optimizer_reset: false,
  label: '',
});
const run = (...adjustments: AdjustedEvent[]) => ({
  ...newRunRecord({
    sessionId: 's1',
    modelKey: 'd',
    modelName: 'm',
    label: 'Run 1',
    settings: { ...DEFAULT_SETTINGS, early_stopping: true, patience: 4, min_delta: 0.01 },
    startedAt: 0,
    graph,
  }),
  adjustments,
});

describe('currentValues', () => {
  it("starts from the run settings and its graph's Dropout rates", () => {
    expect(currentValues(run())).toEqual({
      learning_rate: 0.001,
      optimizer: 'adam',
      batch_size: 32,
      early_stopping: { patience: 4, min_delta: 0.01 },
      dropout: { dropout: 0.3 },
    });
  });

  it('folds every adjustment in, reading early stopping as the event words it', () => {
    const values = currentValues(
      run(
        event([
          { setting: 'learning_rate', from: 0.001, to: 0.0005 },
          { setting: 'early_stopping', from: 'patience 4, min_delta 0.01', to: 'off' },
        ]),
        event([
          { setting: 'optimizer', from: 'adam', to: 'sgd' },
          { setting: 'batch_size', from: 32, to: 64 },
          { setting: 'dropout', layer: 'dropout', from: 0.3, to: 0.1 },
          { setting: 'early_stopping', from: 'off', to: 'patience 2, min_delta 0.5' },
        ]),
      ),
    );
    expect(values).toEqual({
      learning_rate: 0.0005,
      optimizer: 'sgd',
      batch_size: 64,
      early_stopping: { patience: 2, min_delta: 0.5 },
      dropout: { dropout: 0.1 },
    });
  });
});

describe('draftChanges', () => {
  const current = currentValues(run());

  it('is null while the draft equals the current values', () => {
    expect(draftChanges(current, {})).toBeNull();
    expect(
      draftChanges(current, { learning_rate: 0.001, patience: 4, dropout: { dropout: 0.3 } }),
    ).toBeNull();
  });

  it('sends only the fields that differ, early stopping whole', () => {
    expect(draftChanges(current, { batch_size: 32, patience: 5, dropout: { dropout: 0.2 } })).toEqual({
      early_stopping: { patience: 5, min_delta: 0.01 },
      dropout: { dropout: 0.2 },
    });
    expect(draftChanges(current, { early_stopping: false, optimizer: 'rmsprop' })).toEqual({
      optimizer: 'rmsprop',
      early_stopping: null,
    });
  });

  it('turns into the document settings patch the next run starts from', () => {
    expect(settingsPatch({ learning_rate: 0.1, early_stopping: null })).toEqual({
      learning_rate: 0.1,
      early_stopping: false,
    });
    expect(settingsPatch({ early_stopping: { patience: 2, min_delta: 0 }, dropout: { d: 0.1 } })).toEqual({
      early_stopping: true,
      patience: 2,
      min_delta: 0,
    });
  });
});
