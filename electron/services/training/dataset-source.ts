// Resolves a run's `dataset` setting to loaded data: a built-in id, a folder of IDX files, or a CSV
// file (whose test set is its last 1/6, as MNIST's 10k of 70k). Errors are DatasetErrors with a place.
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { BUILTIN_DATASETS, loadBuiltinDataset, type BuiltinDatasetId } from '../datasets/builtin';
import type { DatasetPair } from '../datasets/dataset';
import { loadCsvDataset } from '../datasets/csv';
import { DatasetError } from '../datasets/errors';
import { loadIdxFolder } from '../datasets/idx-folder';
import { sliceDataset } from '../datasets/split';

export async function loadDatasetSource(source: string): Promise<DatasetPair> {
  if (Object.hasOwn(BUILTIN_DATASETS, source)) return loadBuiltinDataset(source as BuiltinDatasetId);
  const info = await stat(source).catch(() => undefined);
  if (info === undefined) {
    throw new DatasetError(
      'E_DATASET_MISSING',
      `unknown dataset '${source}': use ${Object.keys(BUILTIN_DATASETS).join(', ')}, a folder of IDX files, or a CSV file`,
      { file: source },
    );
  }
  if (info.isDirectory()) return loadIdxFolder(source);
  if (extname(source).toLowerCase() === '.csv') {
    const all = await loadCsvDataset(source);
    const testCount = Math.floor(all.count / 6);
    return {
      train: sliceDataset(all, { start: 0, end: all.count - testCount }, `${all.name} (train)`),
      test: sliceDataset(all, { start: all.count - testCount, end: all.count }, `${all.name} (test)`),
    };
  }
  throw new DatasetError(
    'E_DATASET_FORMAT',
    `${source}: not a dataset: expected a folder of IDX files or a .csv file`,
    { file: source },
  );
}
