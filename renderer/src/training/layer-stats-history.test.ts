import { describe, expect, it } from 'vitest';
import type { LayerStatsEvent } from '../../../engine/api/events';
import { addLayerStats, LAYER_STATS_HISTORY } from './layer-stats-history';

const event = (step: number): LayerStatsEvent => ({
  type: 'layer_stats',
  epoch: 1,
  step,
  final_of_epoch: false,
  layers: [],
});

describe('addLayerStats', () => {
  it('keeps the latest event and a history bounded to the newest events', () => {
    let stats = addLayerStats(undefined, event(1));
    expect(stats).toEqual({ latest: event(1), history: [event(1)], epochEnds: [] });
    for (let step = 2; step <= LAYER_STATS_HISTORY + 5; step++) stats = addLayerStats(stats, event(step));
    expect(stats.latest.step).toBe(LAYER_STATS_HISTORY + 5);
    expect(stats.history).toHaveLength(LAYER_STATS_HISTORY);
    expect(stats.history[0]?.step).toBe(6);
  });

  it('keeps every epoch end apart from the capped history, one per epoch', () => {
    const end = (epoch: number): LayerStatsEvent => ({ ...event(500), epoch, final_of_epoch: true });
    let stats = addLayerStats(undefined, end(1));
    for (let step = 1; step <= LAYER_STATS_HISTORY; step++)
      stats = addLayerStats(stats, { ...event(step), epoch: 2 });
    stats = addLayerStats(stats, end(2));
    stats = addLayerStats(stats, end(2));
    expect(stats.history.some((e) => e.epoch === 1)).toBe(false);
    expect(stats.epochEnds.map((e) => e.epoch)).toEqual([1, 2]);
  });
});
