// Histograms of a weight tensor and its gradient for the per-epoch view in the inspector
// (TensorBoard-style): equal-width bins between the values' min and max. Pure; NaN and infinities are
// counted apart so one bad value cannot stretch the bins.

/** Bins per histogram: enough for a shape, small enough for every weight of every epoch in an event. */
export const HISTOGRAM_BINS = 30;

export interface Histogram {
  readonly min: number;
  readonly max: number;
  /** HISTOGRAM_BINS counts over [min, max]; the last bin includes max. */
  readonly counts: readonly number[];
  /** Values that were NaN or infinite (not in the bins). */
  readonly nonfinite: number;
}

export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nonfinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) nonfinite++;
    else if (v < min) min = v;
    if (Number.isFinite(v) && v > max) max = v;
  }
  const counts = new Array<number>(bins).fill(0);
  if (min > max) return { min: 0, max: 0, counts, nonfinite };
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const bin = width === 0 ? 0 : Math.min(bins - 1, Math.floor((v - min) / width));
    counts[bin] = (counts[bin] as number) + 1;
  }
  return { min, max, counts, nonfinite };
}
