// How big a dataset file may be, and that it is a regular file at all: both checked on the open handle
// before anything is read whole, so a symlink to /dev/zero or a 50 GB CSV is refused with a message
// instead of filling memory. The limit is LAYERWISE_MAX_DATASET_MB (megabytes), 2048 by default.
import type { FileHandle } from 'node:fs/promises';
import { DatasetError, formatCount } from './errors';

export const DEFAULT_MAX_DATASET_MB = 2048;
export const MAX_DATASET_ENV = 'LAYERWISE_MAX_DATASET_MB';

/** The largest dataset file (or inflated IDX data) accepted, in bytes. */
export function maxDatasetBytes(): number {
  const raw = process.env[MAX_DATASET_ENV];
  const mb = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_DATASET_MB) * 1024 * 1024;
}

/** The refusal for `bytes` over the limit, saying how to raise it. */
export function tooLargeError(label: string, bytes: number, file: string): DatasetError {
  const limit = maxDatasetBytes();
  return new DatasetError(
    'E_DATASET_CONTENT',
    `${label}: ${formatCount(bytes)} bytes is more than the dataset limit of ${formatCount(limit)} bytes ` +
      `(${limit / 1024 / 1024} MB): set ${MAX_DATASET_ENV} to a larger number of megabytes to load it`,
    { file },
  );
}

/** The size of an open dataset file, after checking that it is a regular file within the limit. */
export async function checkedSize(handle: FileHandle, label: string, file: string): Promise<number> {
  const stats = await handle.stat();
  if (!stats.isFile())
    throw new DatasetError(
      'E_DATASET_READ',
      `${label}: not a regular file (a device, pipe or socket): give a file on disk`,
      { file },
    );
  if (stats.size > maxDatasetBytes()) throw tooLargeError(label, stats.size, file);
  return stats.size;
}
