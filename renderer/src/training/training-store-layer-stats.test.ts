// The training store keeps each run's per-layer statistics beside its run record.
import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../engine/api/contract';
import type { LayerStatsEvent } from '../../../engine/api/events';
import { trainingRunSchema } from '../../../engine/api/run-settings';
import { TINY_MODEL, storeOnFakeApi } from './fake-api';

const statsEvent = (step: number): LayerStatsEvent => ({
  type: 'layer_stats',
  epoch: 1,
  step,
  final_of_epoch: false,
  layers: [
    {
      name: 'dense',
      type: 'Dense',
      output: { mean: 0, std: 1, zero_fraction: 0.1, saturated_fraction: 0 },
      gradient_norm: 0.1,
      weights: [],
      forward_ms: 1,
      backward_ms: 2,
    },
  ],
});

describe('training store layer statistics', () => {
  it('keeps the latest statistics per run without touching the run records', async () => {
    const { api, store } = storeOnFakeApi();
    await store.getState().start(TINY_MODEL, 'm');
    const runs = store.getState().runs;
    api.emit('s1', statsEvent(100));
    api.emit('s1', statsEvent(200));
    const state = store.getState();
    expect(state.runs).toBe(runs); // nothing for the autosave to write
    expect(state.layerStats.s1?.latest.step).toBe(200);
    expect(state.layerStats.s1?.history.map((e) => e.step)).toEqual([100, 200]);
  });

  it('rebuilds the statistics of a backend session after a reload', async () => {
    const { store } = storeOnFakeApi({
      'training.list': () => [
        {
          sessionId: 's7',
          modelName: 'Tiny',
          state: 'completed',
          startedAt: 1,
          run: trainingRunSchema.parse({}),
          events: [{ ...statsEvent(300), final_of_epoch: true }],
          lastBatch: null,
        } as SessionSnapshot,
      ],
    });
    await store.getState().restore();
    expect(store.getState().layerStats.s7?.latest).toMatchObject({ step: 300, final_of_epoch: true });
  });
});
