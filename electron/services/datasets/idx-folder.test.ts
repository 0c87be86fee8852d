import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findIdxFiles, loadIdxFolder } from './idx-folder';
import { idxBytes, patternImages, removeScratch, scratchFolder, writeIdxFolder } from './test-fixtures';

afterAll(removeScratch);

const fresh = () => scratchFolder('idx-folder');

describe('findIdxFiles', () => {
  it.each(['t10k', 'test'])('finds MNIST-named files with %s- test files', async (testPrefix) => {
    const folder = writeIdxFolder(fresh(), { testPrefix });
    mkdirSync(join(folder, 'train-images-old')); // folders are not candidates
    expect(await findIdxFiles(folder)).toEqual({
      trainImages: join(folder, 'train-images-idx3-ubyte'),
      trainLabels: join(folder, 'train-labels-idx1-ubyte'),
      testImages: join(folder, `${testPrefix}-images-idx3-ubyte`),
      testLabels: join(folder, `${testPrefix}-labels-idx1-ubyte`),
    });
  });

  it('prefers a raw file to its .gz twin', async () => {
    const folder = writeIdxFolder(writeIdxFolder(fresh(), { gzip: true }));
    expect((await findIdxFiles(folder)).trainImages).toBe(join(folder, 'train-images-idx3-ubyte'));
  });

  it('refuses two different candidates for one role', async () => {
    const folder = writeIdxFolder(fresh());
    writeFileSync(join(folder, 'train-images-copy'), '');
    await expect(findIdxFiles(folder)).rejects.toThrow(
      'more than one file for the training images (train-images-idx3-ubyte): train-images-copy, train-images-idx3-ubyte',
    );
  });

  it('lists every missing file at once', async () => {
    const folder = writeIdxFolder(fresh());
    renameSync(join(folder, 't10k-labels-idx1-ubyte'), join(folder, 'labels'));
    renameSync(join(folder, 'train-images-idx3-ubyte'), join(folder, 'images'));
    await expect(findIdxFiles(folder)).rejects.toMatchObject({
      code: 'E_DATASET_MISSING',
      message: expect.stringContaining(
        'no file for the training images (train-images-idx3-ubyte), test labels (t10k-labels-idx1-ubyte)',
      ),
    });
  });

  it('says when the folder is not there', async () => {
    await expect(findIdxFiles('/no/such/folder')).rejects.toThrow('/no/such/folder: no such folder');
  });
});

describe('loadIdxFolder', () => {
  it.each([false, true])('loads a train/test pair (gzip: %s)', async (gzip) => {
    const pair = await loadIdxFolder(writeIdxFolder(fresh(), { gzip, train: 12, test: 5, classes: 4 }), {
      name: 'tiny',
    });
    expect(pair.train).toMatchObject({ name: 'tiny (train)', count: 12, shape: [4, 3, 1], classes: 4 });
    expect(pair.test).toMatchObject({ count: 5, classNames: ['0', '1', '2', '3'] });
    expect(Array.from(pair.train.labels.subarray(0, 6))).toEqual([0, 1, 2, 3, 0, 1]);
    expect(Array.from(pair.test.images)).toEqual(Array.from(patternImages(5, 4, 3)));
    expect(pair.train.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(pair.train.labels.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('reads 4-D images as channels last', async () => {
    const folder = writeIdxFolder(fresh());
    writeFileSync(join(folder, 'train-images-idx3-ubyte'), idxBytes([12, 2, 2, 3], patternImages(12, 2, 6)));
    writeFileSync(join(folder, 't10k-images-idx3-ubyte'), idxBytes([5, 2, 2, 3], patternImages(5, 2, 6)));
    expect((await loadIdxFolder(folder)).train.shape).toEqual([2, 2, 3]);
  });

  it.each([
    [
      'labels that do not match the images',
      'train-labels-idx1-ubyte',
      [11],
      'holds 12 images but train-labels',
    ],
    [
      'test images of another size',
      't10k-images-idx3-ubyte',
      [5, 3, 3],
      'training images are (4, 3, 1) but test',
    ],
    ['2-D labels', 't10k-labels-idx1-ubyte', [5, 1], 't10k-labels-idx1-ubyte: labels must have 1 dimension'],
    ['1-D images', 't10k-images-idx3-ubyte', [60], 'images must have 3 or 4 dimensions'],
  ])('refuses %s', async (_, file, dims, message) => {
    const folder = writeIdxFolder(fresh());
    const size = dims.reduce((a, b) => a * b, 1);
    writeFileSync(join(folder, file), idxBytes(dims, new Uint8Array(size)));
    await expect(loadIdxFolder(folder)).rejects.toThrow(message);
  });

  it('checks labels against the class names given', async () => {
    const folder = writeIdxFolder(fresh(), { classes: 10 });
    await expect(loadIdxFolder(folder, { classNames: ['a', 'b'] })).rejects.toThrow(
      'not below the 2 classes',
    );
  });
});
