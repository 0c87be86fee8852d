// Where a diverged run went wrong, for the failed event. A NaN or infinite loss: the core scans the
// batch's buffers for the first non-finite value (NativeModel.firstNonFinite). A loss that passed the
// divergence limit while finite has no NaN to point at: the layer whose output grew first, comparing a
// few samples' outputs now with the untrained model's on the first batch (engine/training/divergence.ts).
import type { DivergenceOrigin } from '../../engine/api/events';
import { firstExplosion, outputScales } from '../../engine/training/divergence';
import type { Inputs, NativeModel } from '../lib/native-model';

/** Samples whose outputs are compared: enough for a stable scale, few enough to cost nothing. */
const PROBE_SAMPLES = 8;

export class DivergenceProbe {
  private first: Map<string, number> | null = null;

  constructor(
    private readonly model: NativeModel,
    private readonly pixels: number,
  ) {}

  /** Before the first training step: the untrained model's output scales on the batch's first samples. */
  baseline(x: Inputs): void {
    this.first ??= outputScales(this.model.activations(this.probe(x)));
  }

  /** After the step whose loss diverged, on that step's batch. */
  origin(loss: number, epoch: number, step: number, x: Inputs): DivergenceOrigin | null {
    if (!Number.isFinite(loss)) {
      const found = this.model.firstNonFinite();
      return found === null
        ? null
        : { layer: found.name, where: found.where, cause: 'non_finite', value: found.value, epoch, step };
    }
    if (this.first === null) return null;
    const explosion = firstExplosion(this.first, outputScales(this.model.activations(this.probe(x))));
    return explosion === null
      ? null
      : { layer: explosion.layer, where: 'output', cause: 'exploded', growth: explosion.growth, epoch, step };
  }

  private probe(x: Inputs): Inputs {
    const count = Math.min(PROBE_SAMPLES, Math.floor(x.length / this.pixels));
    return x.subarray(0, count * this.pixels);
  }
}
