// The training store after a page reload: runs rebuilt from training.list, labels remembered, and
// the event subscription dropped on dispose and taken up again on restore.
import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../engine/api/contract';
import { trainingRunSchema } from '../../../engine/api/run-settings';
import { batchEvent, startedEvent, storeOnFakeApi } from './fake-api';
import { createTrainingStore, liveRunId } from './training-store';

const setup = storeOnFakeApi;

/** A run s1 of document m with 30 batch points, as the store holds it before a reload. */
async function started(api: ReturnType<typeof setup>['api'], store: ReturnType<typeof setup>['store']) {
  await store.getState().start({ name: 'Tiny', graph: { nodes: [], edges: [] } } as never, 'm');
  api.emit('s1', startedEvent);
  for (let step = 1; step <= 30; step++) api.emit('s1', batchEvent(1, step));
  return store.getState().runs.s1!;
}

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

  it('keeps an autosaved run’s full curve and takes its state from the backend, which is still training it', async () => {
    const { api, store } = setup({
      'training.list': () => [
        {
          sessionId: 's1',
          state: 'running',
          run: trainingRunSchema.parse({ epochs: 2 }),
          modelName: 'Tiny',
          startedAt: 1,
          events: [startedEvent],
          lastBatch: batchEvent(1, 40),
        },
      ],
    });
    // As the autosave brings it back: saved mid-training, so shown as stopped, with 30 batch points.
    const saved = { ...(await started(api, store)), state: 'stopped' as const };
    store.getState().loadDocumentRuns('m', [saved], {}, 's1');
    await store.getState().restore();
    const run = store.getState().runs.s1;
    expect(run?.state).toBe('running');
    expect(run?.batches.map((p) => p.step)).toEqual([...saved.batches.map((p) => p.step), 40]);
    expect(liveRunId(store.getState())).toBe('s1');
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
