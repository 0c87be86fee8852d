// Smoothing, downsampling and epoch-series merging for the charts.
import { describe, expect, it } from 'vitest';
import { downsample, MAX_CHART_POINTS, mergeEpochSeries, niceTicks, smooth } from './chart-data';

describe('smooth', () => {
  it('returns the values unchanged with weight 0', () => {
    expect(smooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('is a debiased exponential moving average', () => {
    const out = smooth([1, 3], 0.5);
    expect(out[0]).toBeCloseTo(1); // debiased: the first value is itself, not pulled towards 0
    expect(out[1]).toBeCloseTo((0.25 * 1 + 0.5 * 3) / 0.75);
  });

  it('keeps a constant series constant and damps noise', () => {
    expect(smooth([2, 2, 2, 2], 0.9).every((v) => Math.abs(v - 2) < 1e-9)).toBe(true);
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0 : 1));
    const tail = smooth(noisy, 0.9).slice(100);
    expect(Math.max(...tail) - Math.min(...tail)).toBeLessThan(0.2);
  });

  it('lets non-finite values through without poisoning the average', () => {
    const out = smooth([1, Number.NaN, 1], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1);
  });
});

describe('downsample', () => {
  it('returns a small input as is', () => {
    const items = [1, 2, 3];
    expect(downsample(items, 5)).toBe(items);
  });

  it('keeps at most max items, evenly spread, including the first and last', () => {
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const out = downsample(items, 400);
    expect(out).toHaveLength(400);
    expect(out[0]).toBe(0);
    expect(out[399]).toBe(1999);
    const gaps = out.slice(1).map((v, i) => v - (out[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(6);
  });

  it('defaults to MAX_CHART_POINTS points', () => {
    expect(downsample(Array.from({ length: 1000 }, (_, i) => i))).toHaveLength(MAX_CHART_POINTS);
  });
});

describe('mergeEpochSeries', () => {
  it('puts the active run and each overlaid run on the same epoch rows', () => {
    const p = (epoch: number, loss: number) => ({
      epoch,
      loss,
      accuracy: 1 - loss,
      val_loss: loss + 0.1,
      val_accuracy: null,
    });
    const rows = mergeEpochSeries(
      [p(1, 0.5), p(2, 0.3)],
      [{ id: 'b', epochs: [p(1, 0.6), p(2, 0.4), p(3, 0.35)] }],
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ epoch: 1, loss: 0.5, 'b:loss': 0.6, 'b:val_loss': 0.7 });
    expect(rows[2]).toEqual({
      epoch: 3,
      'b:loss': 0.35,
      'b:accuracy': 0.65,
      'b:val_loss': 0.44999999999999996,
      'b:val_accuracy': null,
    });
  });
});

describe('niceTicks', () => {
  it.each([
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [1, 937, 5, [0, 200, 400, 600, 800, 1000]],
    [0.03, 2.31, 5, [0, 0.5, 1, 1.5, 2, 2.5]],
    [3, 3, 5, [3]],
  ])('niceTicks(%d, %d, %d) = %j', (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });

  it('returns no ticks for an empty range', () => {
    expect(niceTicks(Infinity, -Infinity)).toEqual([]);
  });
});
