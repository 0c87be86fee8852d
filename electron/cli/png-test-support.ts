// Test-only: reads back a PNG that png.ts wrote, checking its structure as it goes (signature, chunk
// order and CRCs, header fields, filter bytes), and returns its pixels.
import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { crc32, type RasterImage } from './png';

export function decodePng(png: Buffer): RasterImage {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(
      crc32(png.subarray(at + 4, at + 8 + length)),
    );
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]?.data as Buffer;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const channels = header[9] === 0 ? 1 : 3;
  expect([header[8], header[10], header[11], header[12]]).toEqual([8, 0, 0, 0]);
  const rows = inflateSync(chunks[1]?.data as Buffer);
  const stride = width * channels;
  expect(rows.length).toBe(height * (stride + 1));
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (stride + 1)]).toBe(0);
    pixels.set(rows.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, channels, pixels };
}
