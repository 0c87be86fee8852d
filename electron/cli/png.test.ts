// The PNG encoder, read back by hand: signature, chunk CRCs (against zlib's own crc32 where Node has it),
// the header, and the pixels after inflating the data.
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './png';
import { decodePng as decode } from './png-test-support';

describe('encodePng', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 255);
    const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    if (native) expect(crc32(bytes)).toBe(native(bytes));
  });

  it.each([1, 3] as const)('writes %i-channel pixels that decode back unchanged', (channels) => {
    const width = 7;
    const height = 5;
    const pixels = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37 + 11) & 255);
    expect(decode(encodePng({ width, height, channels, pixels }))).toEqual({
      width,
      height,
      channels,
      pixels,
    });
  });

  it('refuses pixels that do not fill the image', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, pixels: new Uint8Array(4) })).toThrow(
      'a 2x2 image with 3 channels needs 12 bytes',
    );
  });
});
