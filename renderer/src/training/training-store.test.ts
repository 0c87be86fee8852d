// The training store driven by a fake API: starting runs, folding events, controls and errors.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../engine/api/contract';
import { trainingRunSchema } from '../../../engine/api/run-settings';
import { TINY_MODEL, batchEvent, fakeApi, memoryStorage, startedEvent, storeOnFakeApi } from './fake-api';
import { createTrainingStore } from './training-store';

const model = TINY_MODEL;

const setup = storeOnFakeApi;

describe('createTrainingStore', () => {
  it('subscribes to events once and starts a run with the form settings', async () => {
    const { api, store } = setup();
    expect(api.listenerCount()).toBe(1);
    store.getState().setSettings({ epochs: 3, optimizer: 'sgd', learning_rate: 0.1 });
    await store.getState().start(model, 'file:a');
    const call = api.calls.find((c) => c.method === 'training.start')!;
    const run = trainingRunSchema.partial().parse((call.params as { run: unknown }).run);
    expect(run).toMatchObject({
      epochs: 3,
      optimizer: { type: 'sgd', learning_rate: 0.1 },
      dataset: 'mnist',
    });
    const state = store.getState();
    expect(state.activeRunId).toBe('s1');
    expect(state.runs.s1).toMatchObject({
      label: 'Run 1',
      modelKey: 'file:a',
      modelName: 'Tiny',
      state: 'idle',
    });
    expect(state.runs.s1?.settings.epochs).toBe(3);
  });

  it('folds events into the run they belong to, including events that beat the start reply', async () => {
    const { api, store } = setup();
    api.handlers['training.start'] = () => {
      api.emit('s9', startedEvent); // arrives before the sessionId is known
      return { sessionId: 's9' };
    };
    await store.getState().start(model, 'm');
    api.emit('s9', batchEvent(1, 40));
    api.emit('s9', { type: 'progress', fraction: 0.2, eta_seconds: 30 });
    const run = store.getState().runs.s9!;
    expect(run.started?.steps_per_epoch).toBe(100);
    expect(run.state).toBe('running');
    expect(run.batches).toEqual([{ step: 40, epoch: 1, loss: 0.5, accuracy: 0.5 }]);
    expect(run.progress).toBe(0.2);
  });

  it('does not start a second run while one is live; labels runs per model', async () => {
    const { api, store } = setup();
    await store.getState().start(model, 'm');
    await store.getState().start(model, 'm');
    expect(api.calls.filter((c) => c.method === 'training.start')).toHaveLength(1);
    api.emit('s1', { type: 'state', state: 'completed' });
    await store.getState().start(model, 'm');
    await store.getState().start(model, 'other');
    api.emit('s2', { type: 'state', state: 'stopped' });
    await store.getState().start(model, 'other');
    const labels = store
      .getState()
      .runOrder.map((id) => `${store.getState().runs[id]?.modelKey} ${store.getState().runs[id]?.label}`);
    expect(labels).toEqual(['m Run 1', 'm Run 2', 'other Run 1']);
  });

  it('shows a start failure with its issues', async () => {
    const { store } = setup({
      'training.start': () => {
        throw new ApiError({
          code: 'E_INVALID_MODEL',
          message: 'the model has 1 problem',
          issues: [{ code: 'E_NO_INPUT', message: 'add an Input layer', where: { nodeId: 'n1' } }],
        });
      },
    });
    await store.getState().start(model, 'm');
    expect(store.getState().error).toEqual({
      message: 'the model has 1 problem',
      issues: ['n1: add an Input layer'],
    });
    expect(store.getState().starting).toBe(false);
    expect(store.getState().runOrder).toEqual([]);
  });

  it('sends pause, resume and stop for the live run', async () => {
    const ok = () => ({ state: 'running' as const });
    const { api, store } = setup({ 'training.pause': ok, 'training.resume': ok, 'training.stop': ok });
    await store.getState().pause(); // nothing live: no call
    await store.getState().start(model, 'm');
    await store.getState().pause();
    await store.getState().resume();
    await store.getState().stop();
    expect(api.calls.slice(1).map((c) => [c.method, c.params])).toEqual([
      ['training.pause', { sessionId: 's1' }],
      ['training.resume', { sessionId: 's1' }],
      ['training.stop', { sessionId: 's1' }],
    ]);
  });

  it('toggles runs in and out of the overlay', () => {
    const { store } = setup();
    store.getState().toggleOverlay('a');
    store.getState().toggleOverlay('b');
    store.getState().toggleOverlay('a');
    expect(store.getState().selectedRunIds).toEqual(['b']);
  });

  it('loads the dataset list', async () => {
    const mnist = {
      id: 'mnist',
      name: 'MNIST',
      available: true,
      reason: null,
      classNames: ['0'],
      shape: [28, 28, 1],
    };
    const { store } = setup({ 'datasets.list': () => [mnist] });
    await store.getState().loadDatasets();
    expect(store.getState().datasets).toEqual([mnist]);
  });
});

describe('event batching', () => {
  it('applies the events that arrive within the batch interval in one state change', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi({ 'training.start': () => ({ sessionId: 's1' }) });
      const store = createTrainingStore(api, { storage: memoryStorage(), eventBatchMs: 50 });
      await store.getState().start(model, 'file:a');
      let changes = 0;
      store.subscribe(() => changes++);
      for (let step = 1; step <= 5; step++) api.emit('s1', batchEvent(1, step));
      expect(changes).toBe(0);
      vi.advanceTimersByTime(50);
      expect(changes).toBe(1);
      expect(store.getState().runs.s1?.batches.map((b) => b.step)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      vi.useRealTimers();
    }
  });
});
