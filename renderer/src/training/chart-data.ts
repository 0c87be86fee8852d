// Pure data shaping for the charts: exponential-moving-average smoothing, downsampling to a bounded
// number of points, and merging the active run's epoch curves with the overlaid runs'.
import type { EpochPoint } from './run-record';

// About 3 px per point on a chart, and recharts' redraw time grows with the points: at 400 one redraw
// took 30-50 ms on a 2-core machine, at 150 under 20.
export const MAX_CHART_POINTS = 150;

/**
 * TensorBoard-style smoothing: an exponential moving average with weight in [0, 1), debiased so the
 * first values are not pulled towards zero. Non-finite values pass through without touching the average.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return [...values];
  let average = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    average = average * w + (1 - w) * value;
    count++;
    return average / (1 - w ** count);
  });
}

/**
 * At most `max` items, evenly spread over the input, always keeping the first and the last; an input
 * already small enough comes back unchanged (same reference).
 */
export function downsample<T>(items: readonly T[], max: number = MAX_CHART_POINTS): readonly T[] {
  if (items.length <= max) return items;
  if (max <= 1) return items.slice(-1);
  const out: T[] = [];
  const stride = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * stride)] as T);
  return out;
}

export interface OverlayRun {
  readonly id: string;
  readonly epochs: readonly EpochPoint[];
}

export type EpochRow = Record<string, number | null>;

/**
 * One row per epoch for recharts: the active run's `loss`, `val_loss`, `accuracy`, `val_accuracy`, and
 * each overlaid run's values under `<id>:loss`, `<id>:val_loss`, ...
 */
export function mergeEpochSeries(active: readonly EpochPoint[], overlays: readonly OverlayRun[]): EpochRow[] {
  const rows = new Map<number, EpochRow>();
  const row = (epoch: number): EpochRow => {
    let found = rows.get(epoch);
    if (found === undefined) rows.set(epoch, (found = { epoch }));
    return found;
  };
  for (const p of active) Object.assign(row(p.epoch), pointValues(p, ''));
  for (const run of overlays)
    for (const p of run.epochs) Object.assign(row(p.epoch), pointValues(p, `${run.id}:`));
  return [...rows.values()].sort((a, b) => (a.epoch as number) - (b.epoch as number));
}

function pointValues(p: EpochPoint, prefix: string): EpochRow {
  return {
    [`${prefix}loss`]: p.loss,
    [`${prefix}accuracy`]: p.accuracy,
    [`${prefix}val_loss`]: p.val_loss,
    [`${prefix}val_accuracy`]: p.val_accuracy,
  };
}

/**
 * About `count` round tick values (1, 2 or 5 × 10^k apart, the step nearest an even split) from just below min to just above max, so the axis ends on ticks. Recharts can compute
 * these itself, but with arbitrary-precision decimals that cost more than the rest of a chart's redraw.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].reduce(
    (best, m) => (Math.abs(m * power - raw) < Math.abs(best - raw) ? m * power : best),
    power,
  );
  const first = Math.floor(min / step + 1e-9) * step;
  const last = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t <= last + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
