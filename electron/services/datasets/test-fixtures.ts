// Small generated datasets for the tests of this folder: IDX files (raw or gzip) and a scratch folder,
// so no test depends on what happens to be installed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from './idx';

const scratch: string[] = [];

/** A new empty folder under the system's temporary folder; `removeScratch` deletes them all. */
export function scratchFolder(prefix = 'datasets'): string {
  const folder = mkdtempSync(join(tmpdir(), `layerwise-${prefix}-`));
  scratch.push(folder);
  return folder;
}

export function removeScratch(): void {
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** count images of h x w whose pixel k of image i is (i * 7 + k) % 256, so every byte is checkable. */
export function patternImages(count: number, h: number, w: number): Uint8Array {
  const data = new Uint8Array(count * h * w);
  for (let i = 0; i < data.length; i++) data[i] = (Math.floor(i / (h * w)) * 7 + (i % (h * w))) % 256;
  return data;
}

export function cyclicLabels(count: number, classes: number): Uint8Array {
  return Uint8Array.from({ length: count }, (_, i) => i % classes);
}

export function idxBytes(dims: number[], data: Uint8Array, gzip = false): Uint8Array {
  const raw = encodeIdx(dims, data);
  return gzip ? gzipSync(raw) : raw;
}

export interface IdxFolderSpec {
  train?: number;
  test?: number;
  h?: number;
  w?: number;
  classes?: number;
  gzip?: boolean;
  /** File name prefix of the test files: MNIST's "t10k" or "test". */
  testPrefix?: string;
}

/** Writes a folder of four MNIST-named IDX files; returns the folder. */
export function writeIdxFolder(folder: string, spec: IdxFolderSpec = {}): string {
  const { train = 12, test = 5, h = 4, w = 3, classes = 10, gzip = false, testPrefix = 't10k' } = spec;
  const ext = gzip ? '.gz' : '';
  const files: [string, number[], Uint8Array][] = [
    [`train-images-idx3-ubyte${ext}`, [train, h, w], patternImages(train, h, w)],
    [`train-labels-idx1-ubyte${ext}`, [train], cyclicLabels(train, classes)],
    [`${testPrefix}-images-idx3-ubyte${ext}`, [test, h, w], patternImages(test, h, w)],
    [`${testPrefix}-labels-idx1-ubyte${ext}`, [test], cyclicLabels(test, classes)],
  ];
  for (const [name, dims, data] of files) writeFileSync(join(folder, name), idxBytes(dims, data, gzip));
  return folder;
}
