// The divergence rule on its own: explosions fail, ordinary losses (and a fine-tuned model's tiny ones)
// never do.
import { describe, expect, it } from 'vitest';
import { divergenceLimit, hasDiverged } from './divergence';

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
