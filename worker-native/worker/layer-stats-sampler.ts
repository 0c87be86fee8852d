// Per-layer statistics for the training loop: asks the core to sample every `every`-th step (at most
// twice a second, so a fast model cannot flood the event stream or the page) and each epoch's last step, and
// turns a sampled step into a LayerStatsEvent with each layer's forward/backward milliseconds per batch
// since the previous event. The loop decides which steps are sampled: the core is set to sample every
// step (n = 1) just for those and is off (n = 0) otherwise.
import type { LayerStatistics, LayerStatsEvent } from '../../engine/api/events';
import { histogram } from '../../engine/training/histogram';
import type { NativeModel } from '../lib/native-model';

/** Steps between sampled statistics. Measured (docs/layer-statistics.md): a sampled step costs about
 * 0.3-0.6 of a training step on the seed CNN and MLP, so every 50th costs about 1% (budget: 3%). */
export const DEFAULT_STATS_EVERY = 50;
/** The least time between two sampled (not epoch-end) events. At 100 ms the page's health badges,
 *  time bars and inspector charts redrew up to ten times a second and the app fell from 85-87% to 79-82%
 *  of the CLI's speed (`npm run bench -- app`); twice a second is as live to the eye. */
export const STATS_MIN_INTERVAL_MS = 500;

export interface SamplerOptions {
  /** Steps between samples; 0 samples only each epoch's last step. */
  readonly every?: number;
  readonly minIntervalMs?: number;
}

export class LayerStatsSampler {
  private readonly every: number;
  private readonly minIntervalMs: number;
  private on = false;
  private lastSample = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly model: NativeModel,
    options: SamplerOptions = {},
  ) {
    this.every = options.every ?? DEFAULT_STATS_EVERY;
    this.minIntervalMs = options.minIntervalMs ?? STATS_MIN_INTERVAL_MS;
    model.setStatsEvery(0);
    model.takeLayerTimes(); // the timers start with the first training step
  }

  /** Before training step `done` (steps taken so far): whether to sample it (and tell the core). */
  before(done: number, lastOfEpoch: boolean): boolean {
    const now = performance.now();
    const due = this.every > 0 && done % this.every === 0 && now - this.lastSample >= this.minIntervalMs;
    const sample = due || lastOfEpoch;
    if (sample !== this.on) {
      this.model.setStatsEvery(sample ? 1 : 0);
      this.on = sample;
    }
    if (due) this.lastSample = now;
    return sample;
  }

  /** The sampled step's event (null if the core recorded none). */
  take(epoch: number, step: number, finalOfEpoch: boolean): LayerStatsEvent | null {
    const stats = this.model.takeLayerStats();
    if (stats === null) return null;
    const times = this.model.takeLayerTimes();
    const batches = Math.max(1, times.batches);
    const perNode = new Map(times.nodes.map((n) => [n.name, n]));
    // An epoch's last step also carries histograms of every weight and its gradient (after the update).
    const values = finalOfEpoch ? this.model.getWeights() : undefined;
    const gradients = finalOfEpoch ? this.model.lastGradients() : undefined;
    const layers: LayerStatistics[] = stats.nodes.map((node) => {
      const t = perNode.get(node.name);
      return {
        ...node,
        weights: node.weights.map((w) => {
          const v = values?.[w.name];
          const g = gradients?.[w.name];
          return v && g ? { ...w, histograms: { values: histogram(v), gradients: histogram(g) } } : w;
        }),
        forward_ms: t === undefined ? 0 : (t.forward / batches) * 1000,
        backward_ms: t === undefined ? 0 : (t.backward / batches) * 1000,
      };
    });
    return { type: 'layer_stats', epoch, step, final_of_epoch: finalOfEpoch, layers };
  }

  /** Drops the timers' forward passes that were not training steps (validation). */
  discardTimes(): void {
    this.model.takeLayerTimes();
  }
}
