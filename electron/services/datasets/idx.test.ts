import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './errors';
import { encodeIdx, parseIdx } from './idx';
import { idxBytes, patternImages } from './test-fixtures';

const header = (...bytes: number[]) => Uint8Array.from(bytes);

describe('parseIdx', () => {
  it.each([false, true])('round-trips a generated file (gzip: %s)', (gzip) => {
    const data = patternImages(3, 5, 4);
    const parsed = parseIdx(idxBytes([3, 5, 4], data, gzip), 'x');
    expect(parsed.dims).toEqual([3, 5, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
    expect(parsed.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(parsed.data.byteLength).toBe(parsed.data.buffer.byteLength);
  });

  it('reads a Buffer that sits inside a pooled ArrayBuffer at an offset', () => {
    const bytes = encodeIdx([2, 2], Uint8Array.of(1, 2, 3, 4));
    const pooled = Buffer.from(bytes); // small Buffers share one 8 KiB pool
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const big = new Uint8Array(100).fill(0xee);
    big.set(bytes, 37);
    const shifted = big.subarray(37, 37 + bytes.length);
    for (const input of [pooled, shifted]) {
      expect(parseIdx(input, 'x')).toEqual({ dims: [2, 2], data: expect.any(Uint8Array) });
      expect(Array.from(parseIdx(input, 'x').data)).toEqual([1, 2, 3, 4]);
    }
  });

  it('names the file and the expected and found byte counts for a truncated file', () => {
    // A header that promises 60000 x 28 x 28 (47,040,016 bytes in all) followed by 984 bytes of data.
    const bytes = new Uint8Array(1000);
    bytes.set(encodeIdx([60000, 28, 28], new Uint8Array(0)));
    expect(() => parseIdx(bytes, 'train-images')).toThrow(
      'train-images: truncated: expected 47,040,016 bytes, found 1,000',
    );
  });

  const valid = encodeIdx([2, 3], new Uint8Array(6));
  const withTrailing = new Uint8Array(valid.length + 2);
  withTrailing.set(valid);
  const truncatedGzip = gzipSync(valid).subarray(0, 12);
  it.each([
    ['an empty file', new Uint8Array(0), 'f: truncated: an IDX header needs at least 4 bytes, found 0'],
    ['bad magic', header(0x50, 0x4b, 8, 1, 0, 0, 0, 1, 7), 'f: not an IDX file: it starts with 0x50 0x4b'],
    ['int32 data', header(0, 0, 0x0c, 1, 0, 0, 0, 1, 0, 0, 0, 7), 'data type int32 (0x0c) is not supported'],
    ['float32 data', header(0, 0, 0x0d, 1, 0, 0, 0, 1), 'only uint8 (0x08) images and labels are'],
    ['an unknown type', header(0, 0, 0x42, 1, 0, 0, 0, 1, 0), 'f: not an IDX file: unknown data type 0x42'],
    ['zero dimensions', header(0, 0, 8, 0), 'f: has 0 dimensions: an IDX file needs at least one'],
    ['a dimension of size 0', header(0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 0), 'f: dimension 2 of 2 is 0'],
    ['a cut header', header(0, 0, 8, 3, 0, 0, 0, 1), 'f: truncated: the header of 3 dimensions needs 16'],
    ['cut data', valid.subarray(0, valid.length - 1), 'f: truncated: expected 18 bytes, found 17'],
    [
      'trailing bytes',
      withTrailing,
      'f: 2 unexpected bytes after the data (wrong or corrupt file): expected 18',
    ],
    ['over 4 GiB', header(0, 0, 8, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2), 'f: too large'],
    ['a cut gzip stream', truncatedGzip, 'f: corrupt gzip data (unexpected end of file)'],
    ['corrupt gzip', header(0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6), 'f: corrupt gzip data'],
  ])('rejects %s with a DatasetError', (_, bytes, message) => {
    let caught: unknown;
    try {
      parseIdx(bytes, 'f');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatasetError);
    expect((caught as DatasetError).code).toBe('E_DATASET_FORMAT');
    expect((caught as DatasetError).message).toContain(message);
  });
});
