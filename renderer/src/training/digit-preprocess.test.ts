// MNIST-style preprocessing of a drawing: crop, fit to 20×20 keeping the aspect, centre of mass.
import { describe, expect, it } from 'vitest';
import { alphaToIntensity, centreOfMass, preprocessDigit, resizeArea } from './digit-preprocess';

/** A width×height canvas with a filled rectangle of ink. */
function canvasWith(width: number, height: number, rect: { x: number; y: number; w: number; h: number }) {
  const out = new Float32Array(width * height);
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) out[y * width + x] = 1;
  return out;
}

function inkBox(image: readonly number[]) {
  let [left, top, right, bottom] = [28, 28, -1, -1];
  image.forEach((v, i) => {
    if (v <= 0.01) return;
    const x = i % 28;
    const y = Math.floor(i / 28);
    [left, top, right, bottom] = [
      Math.min(left, x),
      Math.min(top, y),
      Math.max(right, x),
      Math.max(bottom, y),
    ];
  });
  return { w: right - left + 1, h: bottom - top + 1 };
}

describe('preprocessDigit', () => {
  it('returns null for an empty drawing', () => {
    expect(preprocessDigit(new Float32Array(280 * 280), 280, 280)).toBeNull();
  });

  it('scales a square of ink to 20×20, centred, with values in [0, 1]', () => {
    const image = preprocessDigit(canvasWith(280, 280, { x: 10, y: 30, w: 100, h: 100 }), 280, 280)!;
    expect(image).toHaveLength(784);
    expect(image.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(inkBox(image)).toEqual({ w: 20, h: 20 });
    const com = centreOfMass(image, 28);
    expect(Math.abs(com.x - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 13.5)).toBeLessThanOrEqual(0.5);
    expect(com.mass).toBeCloseTo(400, 0);
  });

  it('keeps the aspect ratio of a tall stroke', () => {
    const image = preprocessDigit(canvasWith(280, 280, { x: 200, y: 20, w: 40, h: 200 }), 280, 280)!;
    expect(inkBox(image)).toEqual({ w: 4, h: 20 });
  });

  it('keeps all the ink inside the frame when the centre of mass is far off', () => {
    const drawing = canvasWith(100, 100, { x: 0, y: 0, w: 10, h: 100 });
    for (let y = 60; y < 100; y++) for (let x = 0; x < 100; x++) drawing[y * 100 + x] = 1;
    const image = preprocessDigit(drawing, 100, 100)!;
    expect(inkBox(image)).toEqual({ w: 20, h: 20 });
    expect(centreOfMass(image, 28).mass).toBeCloseTo(8 * 20 + 12 * 2, 3);
  });

  it('centres by the centre of mass, not the bounding box', () => {
    // An "L": a heavy bottom bar pulls the centre of mass down, so the box sits higher than centred.
    const drawing = canvasWith(100, 100, { x: 0, y: 0, w: 10, h: 100 });
    for (let y = 90; y < 100; y++) for (let x = 0; x < 100; x++) drawing[y * 100 + x] = 1;
    const image = preprocessDigit(drawing, 100, 100)!;
    const com = centreOfMass(image, 28);
    expect(Math.abs(com.x - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 13.5)).toBeLessThanOrEqual(0.5);
    const firstInkRow = Math.floor(image.findIndex((v) => v > 0.01) / 28);
    expect(firstInkRow).toBeLessThan(4); // a box-centred digit would start at row 4
  });
});

describe('resizeArea', () => {
  it('preserves the mean when shrinking and averages blocks', () => {
    const src = Float32Array.from([1, 0, 0, 0, 1, 1, 0, 0]); // 4×2
    const out = resizeArea(src, 4, 2, 2, 1);
    expect(Array.from(out)).toEqual([0.75, 0]);
  });

  it('repeats pixels when enlarging', () => {
    expect(Array.from(resizeArea(Float32Array.from([0.2, 0.8]), 2, 1, 4, 1))).toEqual([
      expect.closeTo(0.2),
      expect.closeTo(0.2),
      expect.closeTo(0.8),
      expect.closeTo(0.8),
    ]);
  });
});

it('alphaToIntensity reads the alpha channel', () => {
  expect(Array.from(alphaToIntensity([0, 0, 0, 255, 9, 9, 9, 0, 1, 1, 1, 51]))).toEqual([
    1,
    0,
    expect.closeTo(0.2),
  ]);
});
