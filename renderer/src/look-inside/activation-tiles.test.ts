import { describe, expect, it } from 'vitest';
import { tileMaps, vectorBars } from './activation-tiles';

describe('tileMaps', () => {
  it('tiles channels in rows of four, each stretched to its own range, with grey gaps', () => {
    const tiles = tileMaps({
      height: 1,
      width: 2,
      channels: 2,
      data: [
        [-1, 1],
        [5, 5],
      ],
    });
    expect([tiles.width, tiles.height, tiles.shown]).toEqual([5, 1, 2]);
    expect([...tiles.pixels]).toEqual([0, 255, 128, 0, 0]); // a flat channel is black
  });

  it('shows at most the limit of channels, wrapping to a second row', () => {
    const data = Array.from({ length: 10 }, (_, c) => [c, c + 1]);
    const tiles = tileMaps({ height: 1, width: 2, channels: 64, data }, 6);
    expect([tiles.width, tiles.height, tiles.shown]).toEqual([4 * 2 + 3, 2 * 1 + 1, 6]);
  });
});

describe('vectorBars', () => {
  it('folds a vector into bars of its largest magnitudes, scaled to the largest', () => {
    expect(vectorBars([1, -4, 2, 2], 2)).toEqual([1, 0.5]);
    expect(vectorBars([0, 0], 4)).toEqual([0, 0]);
    expect(vectorBars([])).toEqual([]);
  });
});
