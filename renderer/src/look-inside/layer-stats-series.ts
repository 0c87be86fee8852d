// One layer's statistics over a run, for the inspector's charts: its gradient norm, its kernel's update
// ratio and its dead (zero) fraction at every sampled step, and its kernel's per-epoch histograms. Pure:
// reads the training store's per-run statistics (the capped history plus every epoch's end, so the
// early epochs are still charted once the history has dropped their middle steps).
import type { LayerStatistics, LayerStatsEvent } from '../../../engine/api/events';
import type { Histogram } from '../../../engine/training/histogram';
import type { RunLayerStats } from '../training/layer-stats-history';

export interface StatsRow extends Record<string, number | null> {
  /** Epochs into the run: epoch 2's middle step is 1.5. */
  readonly x: number;
  readonly gradient: number | null;
  readonly update: number | null;
  readonly dead: number | null;
}

/** The weight the inspector charts: the kernel where the layer has one, else its first weight. */
export function kernelOf(layer: LayerStatistics): LayerStatistics['weights'][number] | undefined {
  return layer.weights.find((w) => w.name === 'kernel' || w.name.endsWith('/kernel')) ?? layer.weights[0];
}

/** The run's sampled events oldest first: the epoch ends the capped history lost, then the history. */
export function sampledEvents(stats: RunLayerStats): LayerStatsEvent[] {
  const first = stats.history[0];
  const older = stats.epochEnds.filter(
    (e) => first === undefined || e.epoch < first.epoch || (e.epoch === first.epoch && e.step < first.step),
  );
  return [...older, ...stats.history];
}

/** The layer's rows at every sampled step where it has statistics. */
export function layerStatsRows(stats: RunLayerStats, name: string): StatsRow[] {
  const events = sampledEvents(stats);
  // An epoch's length is its last step; before the first epoch ends, the furthest step so far.
  const perEpoch = Math.max(
    1,
    ...events.filter((e) => e.final_of_epoch).map((e) => e.step),
    ...(stats.epochEnds.length === 0 ? events.map((e) => e.step) : []),
  );
  const rows: StatsRow[] = [];
  for (const event of events) {
    const layer = event.layers.find((l) => l.name === name);
    if (layer === undefined) continue;
    rows.push({
      x: Math.round((event.epoch - 1 + event.step / perEpoch) * 1000) / 1000,
      gradient: finite(layer.gradient_norm),
      update: finite(kernelOf(layer)?.update_ratio ?? null),
      dead: finite(layer.output.zero_fraction),
    });
  }
  return rows;
}

const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

export interface EpochHistograms {
  readonly epoch: number;
  readonly values: Histogram;
  readonly gradients: Histogram;
}

/** The layer's kernel histograms, one per finished epoch that carries them, oldest first. */
export function kernelHistograms(stats: RunLayerStats, name: string): EpochHistograms[] {
  const result: EpochHistograms[] = [];
  for (const event of stats.epochEnds) {
    const layer = event.layers.find((l) => l.name === name);
    const histograms = layer === undefined ? undefined : kernelOf(layer)?.histograms;
    if (histograms !== undefined) result.push({ epoch: event.epoch, ...histograms });
  }
  return result;
}
