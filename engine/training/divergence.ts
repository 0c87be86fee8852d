// When a run has diverged. A loss that turns NaN or infinite has, and so has one that explodes while
// staying finite (SGD at lr 1e6 reaches 4.8e30 with 11% accuracy): the rule is optimizer-agnostic and
// judged against the first batch's loss, which is the untrained model's (trainBatch reports the loss of
// the forward pass, before the update).
import type { DivergenceOrigin } from '../api/events';

/** How far above the first batch's loss (taken as at least 1) a batch loss may climb. */
export const DIVERGENCE_FACTOR = 1e6;
/** A batch loss above this has diverged whatever the first batch's loss was. */
export const DIVERGENCE_CEILING = 1e8;

/** The loss above which a run counts as diverged, given its first batch's loss. */
export function divergenceLimit(firstLoss: number): number {
  return Math.min(DIVERGENCE_CEILING, DIVERGENCE_FACTOR * Math.max(1, firstLoss));
}

export function hasDiverged(loss: number, firstLoss: number): boolean {
  return !Number.isFinite(loss) || loss > divergenceLimit(firstLoss);
}

/** A layer whose output grew this many times over its first batch's (by root mean square) has exploded. */
export const EXPLOSION_GROWTH = 1e3;
/** Output scales below this count as this much, so a layer that output zeros at first is not "exploded"
 *  by any small value later. */
const SCALE_FLOOR = 1e-3;

/** One layer's output on a few samples, as NativeModel.activations gives it. */
export interface LayerOutput {
  readonly name: string;
  readonly values: Float32Array;
}

/** The root mean square of each layer's output, by layer name (NaN or infinity when it holds one). */
export function outputScales(outputs: readonly LayerOutput[]): Map<string, number> {
  const scales = new Map<string, number>();
  for (const { name, values } of outputs) {
    let sum = 0;
    for (const v of values) sum += v * v;
    scales.set(name, Math.sqrt(sum / Math.max(1, values.length)));
  }
  return scales;
}

export interface Explosion {
  readonly layer: string;
  /** How many times its output's scale grew (Infinity when it overflowed or turned NaN). */
  readonly growth: number;
}

/**
 * Where a finite loss explosion began: the first layer, in the order given (plan order), whose output
 * scale grew EXPLOSION_GROWTH-fold or more over its first batch's, or became non-finite; null when none did.
 */
export function firstExplosion(
  first: ReadonlyMap<string, number>,
  now: ReadonlyMap<string, number>,
): Explosion | null {
  for (const [layer, scale] of now) {
    const before = first.get(layer);
    if (before === undefined) continue;
    const growth = Number.isFinite(scale) ? scale / Math.max(before, SCALE_FLOOR) : Infinity;
    if (growth >= EXPLOSION_GROWTH) return { layer, growth };
  }
  return null;
}

/** The failed message's opening words: where it went wrong, or the loss when no layer shows it. */
export function divergenceText(origin: DivergenceOrigin | null, loss: number): string {
  if (origin === null) return `the loss became ${loss.toPrecision(3)}`;
  if (origin.cause === 'non_finite')
    return `the ${origin.where} of layer '${origin.layer}' became ${origin.value ?? 'NaN'}`;
  const growth = origin.growth ?? Infinity;
  const grew = Number.isFinite(growth) ? `grew ${growth.toPrecision(2)}-fold` : 'overflowed';
  return `the output of layer '${origin.layer}' ${grew} since the first batch (the loss reached ${loss.toPrecision(3)})`;
}
