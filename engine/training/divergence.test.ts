// The divergence rule on its own: explosions fail, ordinary losses (and a fine-tuned model's tiny ones)
// never do; and where a finite explosion began.
import { describe, expect, it } from 'vitest';
import {
  divergenceLimit,
  divergenceText,
  EXPLOSION_GROWTH,
  firstExplosion,
  hasDiverged,
  outputScales,
} from './divergence';

describe('divergence rule', () => {
  it('fails non-finite losses and finite explosions', () => {
    expect(hasDiverged(Number.NaN, 2.3)).toBe(true);
    expect(hasDiverged(Number.POSITIVE_INFINITY, 2.3)).toBe(true);
    expect(hasDiverged(4.8e30, 2.3)).toBe(true);
    expect(hasDiverged(3e6, 2.3)).toBe(true);
    expect(hasDiverged(2e8, 500)).toBe(true); // the ceiling holds whatever the first loss
  });

  it('lets ordinary training through, however it starts', () => {
    for (const loss of [0, 1e-9, 0.05, 2.3, 16, 300, 2e6]) expect(hasDiverged(loss, 2.3)).toBe(false);
    // A fine-tuned model starts near zero: a noisy batch is not an explosion.
    expect(hasDiverged(5, 1e-6)).toBe(false);
    expect(divergenceLimit(1e-6)).toBe(1e6);
    expect(divergenceLimit(2.3)).toBeCloseTo(2.3e6);
    expect(divergenceLimit(1e4)).toBe(1e8);
  });
});

describe('where a finite explosion began', () => {
  const scales = (entries: [string, number][]) => new Map(entries);

  it('computes each layer output root mean square', () => {
    const out = outputScales([
      { name: 'a', values: Float32Array.of(3, -4) },
      { name: 'b', values: Float32Array.of(0, 0, 0) },
      { name: 'c', values: Float32Array.of(1, Number.NaN) },
    ]);
    expect(out.get('a')).toBeCloseTo(Math.sqrt(12.5));
    expect(out.get('b')).toBe(0);
    expect(out.get('c')).toBeNaN();
  });

  it('names the first layer in order whose scale grew EXPLOSION_GROWTH-fold', () => {
    const first = scales([
      ['input', 0.5],
      ['dense', 1],
      ['dense_1', 2],
      ['dense_2', 1],
    ]);
    const now = scales([
      ['input', 0.5],
      ['dense', 900],
      ['dense_1', 2e4],
      ['dense_2', 1e9],
    ]);
    expect(firstExplosion(first, now)).toEqual({ layer: 'dense_1', growth: 1e4 });
  });

  it('stops just below the threshold, and at it', () => {
    const first = scales([['dense', 1]]);
    expect(firstExplosion(first, scales([['dense', EXPLOSION_GROWTH * 0.999]]))).toBeNull();
    expect(firstExplosion(first, scales([['dense', EXPLOSION_GROWTH]]))?.layer).toBe('dense');
  });

  it('counts an overflow or NaN as exploded, with infinite growth', () => {
    const first = scales([
      ['dense', 1],
      ['dense_1', 1],
    ]);
    expect(
      firstExplosion(
        first,
        scales([
          ['dense', 2],
          ['dense_1', Number.NaN],
        ]),
      ),
    ).toEqual({
      layer: 'dense_1',
      growth: Infinity,
    });
  });

  it('does not call a layer that output zeros at first exploded by a small value', () => {
    const first = scales([['relu', 0]]);
    expect(firstExplosion(first, scales([['relu', 0.5]]))).toBeNull();
    expect(firstExplosion(first, scales([['relu', 5]]))?.layer).toBe('relu');
  });

  it('words each kind of origin for the failed message', () => {
    const at = { epoch: 1, step: 2 };
    expect(divergenceText(null, 3e9)).toBe('the loss became 3.00e+9');
    expect(
      divergenceText(
        { layer: 'conv2d', where: 'gradient', cause: 'non_finite', value: 'Infinity', ...at },
        NaN,
      ),
    ).toBe("the gradient of layer 'conv2d' became Infinity");
    expect(
      divergenceText({ layer: 'dense', where: 'output', cause: 'exploded', growth: 41234, ...at }, 3e9),
    ).toBe("the output of layer 'dense' grew 4.1e+4-fold since the first batch (the loss reached 3.00e+9)");
  });
});
