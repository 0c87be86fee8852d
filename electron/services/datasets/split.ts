// Keras's `validation_split`: the LAST fraction of the training set, taken before any shuffling, is held
// out for validation, so the same fraction always holds out the same images. The parts are views of
// the same SharedArrayBuffer: no pixel is copied.
import type { ImageDataset } from './dataset';
import { imageSize } from './dataset';
import { DatasetError, formatCount } from './errors';

/** Indices start (inclusive) to end (exclusive). */
export interface IndexRange {
  start: number;
  end: number;
}

export interface SplitRanges {
  train: IndexRange;
  /** Empty (start === end) when the fraction is 0. */
  validation: IndexRange;
}

/** Where Keras cuts: at floor(count * (1 - fraction)), with the same floating-point rounding. */
export function validationSplit(count: number, fraction: number): SplitRanges {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new DatasetError(
      'E_DATASET_ARGUMENT',
      `validation split ${fraction} is out of range: give a fraction from 0 (none) up to, not including, 1`,
    );
  }
  const at = Math.floor(count * (1 - fraction));
  if (fraction > 0 && (at === 0 || at === count)) {
    throw new DatasetError(
      'E_DATASET_ARGUMENT',
      `a validation split of ${fraction} leaves ${at === 0 ? 'no training' : 'no validation'} images out of ` +
        `${formatCount(count)}: choose a ${at === 0 ? 'smaller' : 'larger'} fraction`,
    );
  }
  return { train: { start: 0, end: at }, validation: { start: at, end: count } };
}

/** The images in `range` as a dataset of their own, sharing memory with `dataset`. */
export function sliceDataset(dataset: ImageDataset, range: IndexRange, name = dataset.name): ImageDataset {
  const { start, end } = range;
  if (!(
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    0 <= start &&
    start <= end &&
    end <= dataset.count
  )) {
    throw new RangeError(`slice ${start}..${end} is outside 0..${dataset.count}`);
  }
  const size = imageSize(dataset.shape);
  return {
    ...dataset,
    name,
    images: dataset.images.subarray(start * size, end * size),
    labels: dataset.labels.subarray(start, end),
    count: end - start,
  };
}

/** The training set cut in two; `validation` is null when the fraction is 0. */
export function splitDataset(
  dataset: ImageDataset,
  fraction: number,
): { train: ImageDataset; validation: ImageDataset | null } {
  const ranges = validationSplit(dataset.count, fraction);
  return {
    train: sliceDataset(dataset, ranges.train),
    validation:
      fraction === 0 ? null : sliceDataset(dataset, ranges.validation, `${dataset.name} (validation)`),
  };
}
