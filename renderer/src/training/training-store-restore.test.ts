// The training store after a page reload: runs rebuilt from training.list, labels remembered, and
// the event subscription dropped on dispose and taken up again on restore.
import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../engine/api/contract';
import { trainingRunSchema } from '../../../engine/api/run-settings';
import { batchEvent, startedEvent, storeOnFakeApi } from './fake-api';
import { createTrainingStore, liveRunId } from './training-store';

const setup = storeOnFakeApi;

describe('createTrainingStore restore', () => {
  it('restores the backend sessions with their remembered labels and shows the live one', async () => {
    const snap = (
      sessionId: string,
      state: SessionSnapshot['state'],
      startedAt: number,
    ): SessionSnapshot => ({
      sessionId,
      state,
      run: trainingRunSchema.parse({ epochs: 7 }),
      modelName: 'Tiny',
      startedAt,
      events: [
        startedEvent,
        { type: 'epoch', epoch: 1, loss: 0.4, accuracy: 0.9, val_loss: 0.3, val_accuracy: 0.92, seconds: 2 },
      ],
      lastBatch: batchEvent(2, 5),
    });
    const { api, storage } = setup({
      'training.list': () => [snap('b', 'running', 20), snap('a', 'stopped', 10)],
    });
    storage.setItem('layerwise.training.runs', JSON.stringify({ a: { modelKey: 'file:x', label: 'Run 4' } }));
    const restored = createTrainingStore(api, { storage });
    await restored.getState().restore();
    const s = restored.getState();
    expect(s.runOrder).toEqual(['a', 'b']);
    expect(s.runs.a).toMatchObject({ label: 'Run 4', modelKey: 'file:x', state: 'stopped' });
    expect(s.runs.b).toMatchObject({ label: 'Run 1', modelKey: 'Tiny', state: 'running' });
    expect(s.runs.b?.settings.epochs).toBe(7);
    expect(s.runs.b?.epochs).toHaveLength(1);
    expect(s.runs.b?.batches.map((p) => p.step)).toEqual([105]);
    expect(s.activeRunId).toBe('b');
    expect(liveRunId(s)).toBe('b');
  });

  it('stops listening on dispose and listens again on restore', async () => {
    const { api, store } = setup({ 'training.list': () => [] });
    store.getState().dispose();
    expect(api.listenerCount()).toBe(0);
    await store.getState().restore();
    await store.getState().restore();
    expect(api.listenerCount()).toBe(1);
  });
});
