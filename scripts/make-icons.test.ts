// Checks the committed icon files (made by make-icons.mjs) are what electron-builder and the OSes expect.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const iconDir = new URL('../assets/icon/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, iconDir));
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('PNG icons', () => {
  it('has exactly one png/<n>x<n>.png per size', () => {
    const names = readdirSync(new URL('png/', iconDir)).sort();
    expect(names).toEqual(PNG_SIZES.map((n) => `${n}x${n}.png`).sort());
  });

  it.each(PNG_SIZES)('png/%ix%i.png is that size', (n) => {
    expect(pngSize(read(`png/${n}x${n}.png`))).toEqual([n, n]);
  });

  it('icon.png is 1024x1024', () => {
    expect(pngSize(read('icon.png'))).toEqual([1024, 1024]);
  });
});

describe('icon.ico', () => {
  it('has an ICONDIR listing the Windows sizes, each image inside the file', () => {
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon (2 would be cursor)
    const count = ico.readUInt16LE(4);
    const sizes = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const width = ico.readUInt8(entry) || 256; // a 0 byte means 256
      const height = ico.readUInt8(entry + 1) || 256;
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(height).toBe(width);
      expect(offset).toBeGreaterThanOrEqual(6 + 16 * count);
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      sizes.push(width);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual(ICO_SIZES);
  });
});

describe('icon.icns', () => {
  const icns = read('icon.icns');
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at + 8 <= icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8) break; // malformed: the walk check below fails
    chunks.set(icns.toString('ascii', at, at + 4), icns.subarray(at + 8, at + length));
    at += length;
  }

  it("starts with 'icns' and a length equal to the file size", () => {
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('is a chain of chunks that ends exactly at the end of the file', () => {
    const total = [...chunks.values()].reduce((sum, data) => sum + 8 + data.length, 8);
    expect(total).toBe(icns.length);
  });

  // What icon-gen writes: PNG chunks for 32 px and up (ic11-ic14 are the @2x variants), and the
  // old RGB + 8-bit mask pairs for 16 and 32 px. It writes no TOC and no icp4/icp5/icp6.
  it.each([
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic13', 256],
    ['ic09', 512],
    ['ic14', 512],
    ['ic10', 1024],
  ])('has %s, a %i px PNG', (type, n) => {
    const data = chunks.get(type);
    expect(data, `chunk ${type}`).toBeDefined();
    expect(pngSize(data!)).toEqual([n, n]);
  });

  it.each([
    ['is32', 's8mk', 16],
    ['il32', 'l8mk', 32],
  ])('has %s with its %s mask for %i px', (type, mask, n) => {
    expect(chunks.has(type)).toBe(true);
    expect(chunks.get(mask)?.length).toBe(n * n); // one alpha byte per pixel
  });
});

describe('icon.svg', () => {
  const svg = read('icon.svg');

  it('is XML with an svg root and a 1024x1024 viewBox', () => {
    // jsdom has no type declarations here; this is the little of it we use.
    type Doc = {
      documentElement: { localName: string; namespaceURI: string; getAttribute(n: string): string };
    };
    const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
      JSDOM: new (text: string, options: { contentType: string }) => { window: { document: Doc } };
    };
    // In XML mode jsdom throws on anything that is not well-formed.
    const root = new JSDOM(svg.toString('utf8'), { contentType: 'image/svg+xml' }).window.document
      .documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox').trim().split(/\s+/).map(Number)).toEqual([0, 0, 1024, 1024]);
  });

  it('renders with sharp to a non-blank image: a tile with transparent corners', async () => {
    const { data, info } = await sharp(svg)
      .resize(32, 32)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([32, 32, 4]);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0) colours.add(data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(10); // tile, nodes, edges: not one flat colour
    expect(data[3]).toBe(0); // top-left corner lies outside the rounded tile
    expect(data[(16 * 32 + 16) * 4 + 3]).toBe(255); // the centre is opaque
  });

  it('matches the committed PNGs (rerun make-icons.mjs after editing the SVG)', async () => {
    const pixels = (image: sharp.Sharp) => image.ensureAlpha().raw().toBuffer();
    const fresh = await pixels(sharp(svg).resize(64, 64));
    const committed = await pixels(sharp(read('png/64x64.png')));
    expect(fresh.length).toBe(committed.length);
    // A small tolerance: rasterisers may differ by a few levels across platforms.
    let worst = 0;
    for (let i = 0; i < fresh.length; i++) worst = Math.max(worst, Math.abs(fresh[i]! - committed[i]!));
    expect(worst).toBeLessThanOrEqual(8);
  });
});
