import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadCsvDataset, type CsvImportOptions } from './csv';
import { removeScratch, scratchFolder } from './test-fixtures';

afterAll(removeScratch);

const folder = scratchFolder('csv');
let serial = 0;
const csv = (text: string) => {
  const path = join(folder, `data-${serial++}.csv`);
  writeFileSync(path, text);
  return path;
};
const header = (pixels: number, label = 'label') =>
  [label, ...Array.from({ length: pixels }, (_, i) => `pixel${i}`)].join(',');

describe('loadCsvDataset', () => {
  it('reads a generated CSV: labels, pixels, inferred square shape, shared memory', async () => {
    const rows = Array.from({ length: 1500 }, (_, r) => [
      r % 3,
      ...Array.from({ length: 4 }, (_, k) => (r + k) % 256),
    ]);
    const path = csv(`${header(4)}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const dataset = await loadCsvDataset(path);
    expect(dataset).toMatchObject({ name: path.split('/').pop(), count: 1500, shape: [2, 2, 1], classes: 3 });
    expect(dataset.classNames).toEqual(['0', '1', '2']);
    expect(Array.from(dataset.labels.subarray(0, 4))).toEqual([0, 1, 2, 0]);
    expect(Array.from(dataset.images.subarray(4 * 1499))).toEqual([219, 220, 221, 222]);
    expect(dataset.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(dataset.images.buffer.byteLength).toBe(1500 * 4);
    expect(dataset.labels.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('takes a label column anywhere, quoted fields, a BOM, CRLF and a given shape', async () => {
    const text = '\ufeffr0,"digit",r1,r2,r3,r4,r5\r\n"1",2,3,4,5,6,255\r\n\r\n0,"0",0,0,0,0,0\r\n';
    const dataset = await loadCsvDataset(csv(text), { labelColumn: 'digit', shape: [1, 2, 3], name: 'mine' });
    expect(dataset).toMatchObject({ name: 'mine', count: 2, shape: [1, 2, 3], classes: 3 });
    expect(Array.from(dataset.labels)).toEqual([2, 0]);
    expect(Array.from(dataset.images.subarray(0, 6))).toEqual([1, 3, 4, 5, 6, 255]);
  });

  it.each([
    ['a value over 255', '0,1,256,3,4', 'line 3, column "pixel1": "256" is not a pixel value', 3, 'pixel1'],
    ['a fraction', '0,1,0.5,3,4', 'line 3, column "pixel1": "0.5" is not a pixel value', 3, 'pixel1'],
    ['a negative value', '0,1,2,3,-4', 'line 3, column "pixel3": "-4" is not a pixel value', 3, 'pixel3'],
    ['an empty cell', '0,1,,3,4', 'line 3, column "pixel1": "" is not a pixel value', 3, 'pixel1'],
    [
      'a label that is not a number',
      'cat,1,2,3,4',
      'line 3, column "label": "cat" is not a label',
      3,
      'label',
    ],
  ])('names line and column of %s', async (_, row, message, line, column) => {
    const path = csv(`${header(4)}\n0,0,0,0,0\n${row}\n`);
    const error = await loadCsvDataset(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DATASET_CONTENT', where: { file: path, line, column } });
    expect((error as Error).message).toBe(
      `${path.split('/').pop()}: ${message}: integers from 0 to 255 are expected`,
    );
  });

  it.each([
    [
      'no label column',
      `${header(4, 'digit')}\n1,2,3,4,5\n`,
      {},
      'line 1: no column named "label" (the columns',
    ],
    [
      'a pixel count that is not a square',
      `${header(3)}\n1,2,3,4\n`,
      {},
      'cannot infer the image shape from 3',
    ],
    [
      'a shape that does not fit',
      `${header(4)}\n1,2,3,4,5\n`,
      { shape: [3, 3, 1] },
      '4 pixel columns do not make',
    ],
    ['a row too short', `${header(4)}\n1,2,3,4,5\n1,2,3\n`, {}, 'line 3: 3 fields, but the header row has 5'],
    ['an unclosed quote', `${header(4)}\n1,2,3,4,5\n1,"2,3,4,5\n`, {}, 'line 3: Quote Not Closed'],
    ['only a header', `${header(4)}\n`, {}, 'no image rows after the header row'],
    ['an empty file', '', {}, 'no image rows after the header row'],
    [
      'a label past the class names',
      `${header(4)}\n2,0,0,0,0\n`,
      { classNames: ['a', 'b'] },
      'line 2, column',
    ],
  ])('rejects %s', async (_, text, options, message) => {
    await expect(loadCsvDataset(csv(text), options as CsvImportOptions)).rejects.toThrow(message);
  });

  it('says when the file is missing', async () => {
    await expect(loadCsvDataset(join(folder, 'none.csv'))).rejects.toMatchObject({
      code: 'E_DATASET_MISSING',
      message: 'none.csv: no such file',
    });
  });

  it('names both counts when a row far down is too long (csv-parse reads ahead of the header)', async () => {
    const rows = Array.from({ length: 3000 }, () => '1,2,3,4,5').join('\n');
    const path = csv(`${header(4)}\n${rows}\n1,2,3,4,5,6,7\n`);
    await expect(loadCsvDataset(path)).rejects.toThrow(
      'line 3002: 7 fields, but the header row has 5 ("label" and 4 pixel columns)',
    );
  });
});

describe('loadCsvDataset: limits', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses a device behind a symlink before reading it', async () => {
    const link = join(folder, 'zero.csv');
    symlinkSync('/dev/zero', link);
    await expect(loadCsvDataset(link)).rejects.toMatchObject({
      code: 'E_DATASET_READ',
      message: 'zero.csv: not a regular file (a device, pipe or socket): give a file on disk',
    });
  });

  it('refuses a file over LAYERWISE_MAX_DATASET_MB, naming the limit and the setting', async () => {
    const path = csv(`${header(4)}\n${'1,2,3,4,5\n'.repeat(200_000)}`);
    vi.stubEnv('LAYERWISE_MAX_DATASET_MB', '1');
    await expect(loadCsvDataset(path)).rejects.toThrow(
      /2,000,\d{3} bytes is more than the dataset limit of 1,048,576 bytes \(1 MB\): set LAYERWISE_MAX_DATASET_MB/,
    );
    vi.stubEnv('LAYERWISE_MAX_DATASET_MB', '4');
    expect((await loadCsvDataset(path)).count).toBe(200_000);
  });
});
