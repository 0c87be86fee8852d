// The per-layer statistics kept for each run: the latest event (the canvas badges and time bars read
// it) and a bounded history for later charts. Live-only: it is not part of the run record, so neither a
// saved file nor the autosave carries it.
import type { LayerStatsEvent } from '../../../engine/api/events';

/** Events kept per run: at the default of one sample per 100 steps, 200 covers about 10 MNIST epochs. */
export const LAYER_STATS_HISTORY = 200;

export interface RunLayerStats {
  readonly latest: LayerStatsEvent;
  /** Oldest first, at most LAYER_STATS_HISTORY events. */
  readonly history: readonly LayerStatsEvent[];
  /** Each epoch's last event (it carries the histograms), oldest first: one per epoch, never dropped, so
   * early epochs outlive the capped history. */
  readonly epochEnds: readonly LayerStatsEvent[];
}

export function addLayerStats(current: RunLayerStats | undefined, event: LayerStatsEvent): RunLayerStats {
  const history = [...(current?.history ?? []), event];
  if (history.length > LAYER_STATS_HISTORY) history.splice(0, history.length - LAYER_STATS_HISTORY);
  const ends = current?.epochEnds ?? [];
  // A replayed snapshot may bring an epoch's end again: the newer copy replaces it.
  const epochEnds = event.final_of_epoch ? [...ends.filter((e) => e.epoch !== event.epoch), event] : ends;
  return { latest: event, history, epochEnds };
}
