import { describe, expect, it } from 'vitest';
import { batchCount, fillBatch, imageAsFloats } from './batches';
import { makeImageDataset } from './dataset';
import { sharedBytes } from './idx';
import { epochOrder } from '../../../engine/training/shuffle';

// 5 images of 2 x 2: image i holds i, 255 - i, 0, 255; its label is i % 3.
const images = sharedBytes(20);
for (let i = 0; i < 5; i++) images.set([i, 255 - i, 0, 255], i * 4);
const dataset = makeImageDataset({
  name: 'd',
  images,
  labels: Uint8Array.from({ length: 5 }, (_, i) => i % 3),
  shape: [2, 2, 1],
  classes: 3,
  classNames: ['a', 'b', 'c'],
});

describe('fillBatch', () => {
  it('scales pixels by 1/255 exactly (0 -> 0, 255 -> 1) and writes labels in order', () => {
    const x = new Float32Array(2 * 4);
    const y = new Int32Array(2);
    expect(fillBatch(dataset, [3, 0], 0, x, y)).toBe(2);
    expect(Array.from(x)).toEqual([3, 252, 0, 255, 0, 255, 0, 255].map((v) => Math.fround(v / 255)));
    expect(x[2]).toBe(0);
    expect(x[3]).toBe(1);
    expect(Array.from(y)).toEqual([0, 0]);
  });

  it('fills a partial last batch, returns its size and leaves the rest alone', () => {
    const order = [4, 3, 2, 1, 0];
    const x = new Float32Array(2 * 4).fill(-1);
    const y = new Float32Array(2).fill(-1);
    expect(fillBatch(dataset, order, 4, x, y)).toBe(1);
    expect(Array.from(x)).toEqual([0, 1, 0, 1, -1, -1, -1, -1]);
    expect(Array.from(y)).toEqual([0, -1]);
    expect(batchCount(5, 2)).toBe(3);
  });

  it('covers an epoch batch by batch into the same buffers', () => {
    const order = epochOrder(5, 9, 2);
    const x = new Float32Array(2 * 4);
    const y = new Int32Array(2);
    const seen: number[] = [];
    for (let start = 0; start < order.length; start += 2) {
      const n = fillBatch(dataset, order, start, x, y);
      for (let b = 0; b < n; b++) seen.push(Math.round((x[b * 4] ?? 0) * 255));
    }
    expect(seen).toEqual(Array.from(order));
    expect(seen.slice().sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes one-hot rows when asked', () => {
    const x = new Float32Array(3 * 4);
    const y = new Float32Array(3 * 3).fill(7);
    expect(fillBatch(dataset, [0, 1, 2, 4], 0, x, y, { oneHot: true })).toBe(3);
    expect(Array.from(y)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it.each([
    [new Float32Array(7), new Int32Array(2), 0, 'x holds 7 values, not a whole number of 4-value images'],
    [new Float32Array(8), new Int32Array(3), 0, 'y holds 3 values, not 2 for 2 images'],
    [new Float32Array(8), new Int32Array(2), 5, 'batch start 5 is outside the 5 indices'],
  ])('refuses mismatched buffers (%#)', (x, y, start, message) => {
    expect(() => fillBatch(dataset, [0, 1, 2, 3, 4], start, x, y)).toThrow(message);
  });

  it('refuses an index outside the dataset', () => {
    expect(() => fillBatch(dataset, [0, 5], 0, new Float32Array(8), new Int32Array(2))).toThrow(
      'image index 5 is outside 0..5',
    );
  });
});

describe('imageAsFloats', () => {
  it('returns one image scaled, into a new or a given array', () => {
    expect(Array.from(imageAsFloats(dataset, 1))).toEqual([1, 254, 0, 255].map((v) => Math.fround(v / 255)));
    const out = new Float32Array(4);
    expect(imageAsFloats(dataset, 4, out)).toBe(out);
    expect(() => imageAsFloats(dataset, 5)).toThrow('image index 5 is outside 0..5');
  });
});
