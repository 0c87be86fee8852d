import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BINS, histogram } from './histogram';

describe('histogram', () => {
  it('counts values in equal-width bins between min and max, max in the last bin', () => {
    const h = histogram([0, 0.5, 1, 1.5, 2, 2], 4);
    expect(h).toEqual({ min: 0, max: 2, counts: [1, 1, 1, 3], nonfinite: 0 });
  });

  it('matches a count computed value by value on random data', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i * 12.9898) * 3);
    const h = histogram(values);
    expect(h.counts).toHaveLength(HISTOGRAM_BINS);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    const width = (h.max - h.min) / HISTOGRAM_BINS;
    const inSecondBin = [...values].filter((v) => v >= h.min + width && v < h.min + 2 * width).length;
    expect(h.counts[1]).toBe(inSecondBin);
  });

  it('puts a constant tensor (a fresh bias) in one bin and keeps NaN and infinities out of the bins', () => {
    expect(histogram(new Float32Array(8), 3)).toEqual({ min: 0, max: 0, counts: [8, 0, 0], nonfinite: 0 });
    const h = histogram([1, Number.NaN, 3, Number.POSITIVE_INFINITY], 2);
    expect(h).toEqual({ min: 1, max: 3, counts: [1, 1], nonfinite: 2 });
    expect(histogram([Number.NaN], 2)).toEqual({ min: 0, max: 0, counts: [0, 0], nonfinite: 1 });
  });
});
