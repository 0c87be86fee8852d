// A run's adjustments (settings changed while paused) survive Save → Open through the real file format,
// a file written before they existed still opens, and a broken entry is refused naming its place.
import { describe, expect, it } from 'vitest';
import { parseModelFile, serializeModelFile, type ModelFile } from '../../../engine';
import type { AdjustedEvent } from '../../../engine/api/events';
import { templateModel } from '../files/templates';
import { applyEvent, newRunRecord } from './run-record';
import { fromSavedRun, toSavedRun } from './run-file';
import { DEFAULT_SETTINGS } from './run-settings-map';

const lrChange: AdjustedEvent = {
  type: 'adjusted',
  epoch: 1,
  step: 40,
  global_step: 40,
  changes: [{ setting: 'learning_rate', from: 0.001, to: 0.0005 }],
  optimizer_reset: false,
  label: 'lr 0.001 → 0.0005',
};
const optimizerChange: AdjustedEvent = {
  type: 'adjusted',
  epoch: 2,
  step: 0,
  global_step: 100,
  changes: [
    { setting: 'optimizer', from: 'adam', to: 'sgd' },
    { setting: 'dropout', layer: 'dropout', from: 0.5, to: 0.25 },
  ],
  optimizer_reset: true,
  label: 'optimizer adam → sgd, dropout 0.5 → 0.25',
};

function runWith(events: readonly AdjustedEvent[]) {
  const record = newRunRecord({
    sessionId: 's1',
    modelKey: 'doc',
    modelName: 'MLP',
    label: 'Run 1',
    settings: DEFAULT_SETTINGS,
    startedAt: 5,
  });
  return events.reduce(applyEvent, { ...record, state: 'stopped' as const });
}

const fileWith = (runs: ModelFile['runs']): ModelFile => ({ ...templateModel('mnist-mlp'), runs });

function reopen(file: ModelFile) {
  const parsed = parseModelFile(serializeModelFile(file));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.where.field}: ${i.message}`).join('; '));
  return parsed.model.runs?.map((r) => fromSavedRun(r, 'doc')) ?? [];
}

describe('a run file keeps its adjustments', () => {
  it('writes each adjustment without its event type and reads the same events back', () => {
    const run = runWith([lrChange, optimizerChange]);
    const saved = toSavedRun(run);
    expect(saved.adjustments?.[0]).not.toHaveProperty('type');
    const [reopened] = reopen(fileWith([saved]));
    expect(reopened?.adjustments).toEqual([lrChange, optimizerChange]);
  });

  it('writes nothing for a run never adjusted, and an older file without the field opens with none', () => {
    const saved = toSavedRun(runWith([]));
    expect(saved).not.toHaveProperty('adjustments');
    const [reopened] = reopen(fileWith([saved]));
    expect(reopened?.adjustments).toEqual([]);
  });

  it('refuses an adjustment of an unknown setting, naming where it is', () => {
    const saved = toSavedRun(runWith([lrChange]));
    const text = serializeModelFile(fileWith([saved])).replace(
      '"setting": "learning_rate"',
      '"setting": "momentum"',
    );
    const parsed = parseModelFile(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.where.field)).toContain('runs[0].adjustments[0].changes[0].setting');
  });

  it('keeps one copy of an adjustment that arrives both as the answer and as the event', () => {
    expect(runWith([lrChange, lrChange, optimizerChange, lrChange]).adjustments).toEqual([
      lrChange,
      optimizerChange,
    ]);
  });
});
