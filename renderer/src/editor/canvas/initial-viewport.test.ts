import { describe, expect, it } from 'vitest';
import { initialViewport, NODE_TITLE_PX, READABLE_ZOOM, readableZoom } from './initial-viewport';

const view = { clientWidth: 800, clientHeight: 500 };
/** Where a flow point lands on screen under a viewport. */
const onScreen = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({
  x: v.x + p.x * v.zoom,
  y: v.y + p.y * v.zoom,
});

describe('initialViewport', () => {
  it('fits and centres a small graph', () => {
    const v = initialViewport({ x: 0, y: 0, width: 200, height: 300 }, view);
    expect(v.zoom).toBeCloseTo(1.1);
    expect(onScreen(v, { x: 100, y: 150 })).toEqual({ x: expect.closeTo(400), y: expect.closeTo(250) });
  });

  it('never zooms out so far that node titles drop below about 10 px', () => {
    expect(READABLE_ZOOM * NODE_TITLE_PX).toBeCloseTo(10);
    for (const height of [600, 1200, 5000, 50_000]) {
      const v = initialViewport({ x: 0, y: 0, width: 200, height }, view);
      expect(v.zoom * NODE_TITLE_PX).toBeGreaterThanOrEqual(10 - 1e-9);
    }
  });

  it('shows the top of a tall graph that does not fit, centred across', () => {
    const v = initialViewport({ x: 0, y: 0, width: 200, height: 1200 }, view);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.y).toBe(32);
    expect(onScreen(v, { x: 100, y: 0 }).x).toBeCloseTo(400);
  });

  it('puts the InputLayer in view when the graph is too big both ways', () => {
    const bounds = { x: -2000, y: -100, width: 4000, height: 3000 };
    const input = { x: 500, y: 200, width: 220, height: 80 };
    const v = initialViewport(bounds, view, input);
    expect(v.zoom).toBe(READABLE_ZOOM);
    const topLeft = onScreen(v, input);
    const bottomRight = onScreen(v, { x: input.x + input.width, y: input.y + input.height });
    expect(topLeft.x).toBeGreaterThanOrEqual(0);
    expect(bottomRight.x).toBeLessThanOrEqual(800);
    expect(topLeft.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.y).toBeLessThanOrEqual(500);
  });

  it('keeps the left edge of a wide graph whose input is at its left', () => {
    const bounds = { x: 0, y: 0, width: 3000, height: 200 };
    const v = initialViewport(bounds, view, { x: 0, y: 60, width: 220, height: 80 });
    expect(onScreen(v, { x: 0, y: 0 }).x).toBe(32); // not centred on the input, which would cut it
    expect(onScreen(v, { x: 1500, y: 100 }).y).toBeCloseTo(250); // fits vertically: centred
  });

  it('takes its floor from the real title font size', () => {
    expect(readableZoom(13)).toBeCloseTo(10 / 13);
    expect(readableZoom(Number.NaN)).toBe(READABLE_ZOOM);
    expect(readableZoom(undefined)).toBe(READABLE_ZOOM);
    const v = initialViewport({ x: 0, y: 0, width: 200, height: 5000 }, view, undefined, readableZoom(13));
    expect(v.zoom * 13).toBeCloseTo(10);
  });
});
