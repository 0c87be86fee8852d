import { describe, expect, it } from 'vitest';
import { initialViewport, READABLE_ZOOM } from './initial-viewport';

const view = { clientWidth: 800, clientHeight: 500 };

describe('initialViewport', () => {
  it('fits and centres a small graph', () => {
    const v = initialViewport({ x: 0, y: 0, width: 200, height: 300 }, view);
    expect(v.zoom).toBeCloseTo(1.1);
    expect(v.x + 100 * v.zoom).toBeCloseTo(400); // centre of the graph at the centre of the view
    expect(v.y + 150 * v.zoom).toBeCloseTo(250);
  });

  it('keeps a tall graph readable, its top in view', () => {
    const v = initialViewport({ x: 0, y: 0, width: 200, height: 1200 }, view);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.y).toBe(32);
    expect(v.x + 100 * v.zoom).toBeCloseTo(400);
  });
});
