// Decoding datasets.images pixels and encoding them as BMP data: URLs.
import { describe, expect, it } from 'vitest';
import { decodeImages, grayscaleToBmpUrl } from './digit-image';

describe('decodeImages', () => {
  it('splits the base64 pixels into one array per image', () => {
    const bytes = [0, 1, 2, 3, 10, 11, 12, 13];
    const decoded = decodeImages([2, 2, 1], btoa(String.fromCharCode(...bytes)), [4, 9]);
    expect(decoded.width).toBe(2);
    expect(decoded.height).toBe(2);
    expect(decoded.images.map((image) => Array.from(image))).toEqual([
      [0, 1, 2, 3],
      [10, 11, 12, 13],
    ]);
    expect(decoded.labels).toEqual([4, 9]);
  });
});

describe('grayscaleToBmpUrl', () => {
  it('writes a top-down 24-bit BMP with padded rows', () => {
    const url = grayscaleToBmpUrl([0, 255, 128, 7], 2, 2);
    expect(url.startsWith('data:image/bmp;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.slice(22)), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('BM');
    expect(view.getUint32(2, true)).toBe(54 + 8 * 2); // rows of 6 bytes padded to 8
    expect(view.getInt32(18, true)).toBe(2);
    expect(view.getInt32(22, true)).toBe(-2);
    expect(view.getUint16(28, true)).toBe(24);
    expect(Array.from(bytes.subarray(54, 60))).toEqual([0, 0, 0, 255, 255, 255]);
    expect(Array.from(bytes.subarray(62, 68))).toEqual([128, 128, 128, 7, 7, 7]);
  });
});
