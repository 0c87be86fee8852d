import { describe, expect, it } from 'vitest';
import { epochOrder, mulberry32 } from './shuffle';

const isPermutation = (order: Uint32Array) => {
  const seen = new Uint8Array(order.length);
  for (const i of order) seen[i] = (seen[i] ?? 0) + 1;
  return seen.every((n) => n === 1);
};

describe('mulberry32', () => {
  it('matches the reference sequence for seed 0', () => {
    // From the reference JavaScript of mulberry32 (Tommy Ettinger), as uint32.
    const next = mulberry32(0);
    expect([next(), next(), next()]).toEqual([1144304738, 1416247, 958946056]);
  });
});

describe('epochOrder', () => {
  it('visits every index exactly once per epoch', () => {
    for (const count of [0, 1, 2, 7, 1000, 60000]) {
      for (const epoch of [0, 1, 5]) expect(isPermutation(epochOrder(count, 42, epoch))).toBe(true);
    }
  });

  it('gives the same order for the same seed and epoch, another for another', () => {
    const a = epochOrder(1000, 42, 3);
    expect(Array.from(epochOrder(1000, 42, 3))).toEqual(Array.from(a));
    expect(Array.from(epochOrder(1000, 42, 4))).not.toEqual(Array.from(a));
    expect(Array.from(epochOrder(1000, 43, 3))).not.toEqual(Array.from(a));
    expect(Array.from(a.subarray(0, 20))).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('reuses the buffer it is given', () => {
    const out = new Uint32Array(50);
    expect(epochOrder(50, 1, 0, out)).toBe(out);
    expect(Array.from(epochOrder(50, 1, 0, out))).toEqual(Array.from(epochOrder(50, 1, 0)));
    expect(() => epochOrder(49, 1, 0, out)).toThrow('order buffer holds 50, not 49');
  });

  it('spreads index 0 evenly over the positions', () => {
    const counts = new Array(10).fill(0);
    for (let epoch = 0; epoch < 2000; epoch++) counts[epochOrder(10, 7, epoch).indexOf(0)]++;
    for (const n of counts) expect(n).toBeGreaterThan(140); // expected 200 each
  });

  it.each([
    [-1, 0, 'seed -1 is not an integer'],
    [1.5, 0, 'seed 1.5 is not an integer'],
    [0, 2 ** 32, 'epoch 4294967296 is not an integer'],
  ])('refuses seed %d, epoch %d', (seed, epoch, message) => {
    expect(() => epochOrder(3, seed, epoch)).toThrow(message);
  });
});
