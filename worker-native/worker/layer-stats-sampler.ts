// Per-layer statistics for the training loop: turns the core's sampling on for every `every`-th step
// and for each epoch's last step, and turns a sampled step into a LayerStatsEvent with each layer's
// forward/backward milliseconds per batch since the previous event. The core records on step % n == 0;
// the epoch's last step is sampled by asking for n = 1 for that one step.
import type { LayerStatistics, LayerStatsEvent } from '../../engine/api/events';
import type { NativeModel } from '../lib/native-model';

/** Steps between sampled statistics. Measured on the seed CNN (docs/layer-statistics.md): a sampled
 * step costs about one extra training step, so every 100th keeps the cost near 1% (budget: 3%). */
export const DEFAULT_STATS_EVERY = 100;

export class LayerStatsSampler {
  private readonly every: number;
  private boosted = false;

  constructor(
    private readonly model: NativeModel,
    every: number = DEFAULT_STATS_EVERY,
  ) {
    this.every = every;
    model.setStatsEvery(every);
    model.takeLayerTimes(); // the timers start with the first training step
  }

  /** Before training step `done` (steps taken so far): whether this step will be sampled. */
  before(done: number, lastOfEpoch: boolean): boolean {
    const regular = this.every > 0 && done % this.every === 0;
    const boost = lastOfEpoch && !regular;
    if (boost !== this.boosted) {
      this.model.setStatsEvery(boost ? 1 : this.every);
      this.boosted = boost;
    }
    return regular || lastOfEpoch;
  }

  /** The sampled step's event (null if the core recorded none). */
  take(epoch: number, step: number, finalOfEpoch: boolean): LayerStatsEvent | null {
    const stats = this.model.takeLayerStats();
    if (stats === null) return null;
    const times = this.model.takeLayerTimes();
    const batches = Math.max(1, times.batches);
    const perNode = new Map(times.nodes.map((n) => [n.name, n]));
    const layers: LayerStatistics[] = stats.nodes.map((node) => {
      const t = perNode.get(node.name);
      return {
        ...node,
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
