// The order in which an epoch visits the training images: a Fisher-Yates shuffle driven by mulberry32,
// seeded from (seed, epoch), so a run can be replayed exactly and epoch 3 does not depend on epochs 0-2.

/** mulberry32: a tiny, fast 32-bit PRNG; returns the next uint32 on each call. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A 32-bit finalizer (from splitmix32/murmur3) so that nearby seeds and epochs give unrelated streams. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

export function epochSeed(seed: number, epoch: number): number {
  return mix32((seed >>> 0) ^ mix32((epoch + 0x9e3779b9) >>> 0));
}

/**
 * A permutation of 0..count-1 for this seed and epoch, written into `out` when given (reuse it across
 * epochs to allocate once). Seed and epoch are integers from 0 to 2^32 - 1.
 */
export function epochOrder(count: number, seed: number, epoch: number, out?: Uint32Array): Uint32Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count ${count} is not a size`);
  for (const [what, value] of [
    ['seed', seed],
    ['epoch', epoch],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`${what} ${value} is not an integer from 0 to 2^32 - 1`);
    }
  }
  const order = out ?? new Uint32Array(count);
  if (order.length !== count) throw new RangeError(`order buffer holds ${order.length}, not ${count}`);
  for (let i = 0; i < count; i++) order[i] = i;
  const next = mulberry32(epochSeed(seed, epoch));
  for (let i = count - 1; i > 0; i--) {
    // (i + 1) * u / 2^32 is below i + 1; the bias is under count / 2^32, far below what training notices.
    const j = Math.floor(((i + 1) * next()) / 0x100000000);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}
