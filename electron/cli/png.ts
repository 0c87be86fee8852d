// A minimal PNG encoder for the CLI's images (inspect): 8-bit grayscale or RGB, no interlacing, each row
// stored unfiltered and the whole compressed with node:zlib. No PNG library is a dependency of the app,
// and this is all the images need.
import { deflateSync } from 'node:zlib';

/** Pixels row by row, `channels` bytes each: 1 (gray) or 3 (RGB). */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly pixels: Uint8Array;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 that every PNG chunk ends with (ISO 3309, as zlib's crc32). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(image: RasterImage): Buffer {
  const { width, height, channels, pixels } = image;
  if (!(width >= 1 && height >= 1) || pixels.length !== width * height * channels)
    throw new Error(
      `a ${width}x${height} image with ${channels} channels needs ${width * height * channels} bytes`,
    );
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = channels === 1 ? 0 : 2; // gray or RGB; compression, filter and interlace stay 0
  const stride = width * channels;
  const rows = Buffer.alloc(height * (stride + 1)); // each row: filter type 0 (none), then its bytes
  for (let y = 0; y < height; y++)
    rows.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
