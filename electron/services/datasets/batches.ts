// Fills one training batch: pixels scaled to [0, 1] (x / 255) into a Float32Array the caller allocated
// once, labels as class indices or one-hot rows. Nothing is allocated per batch; the last batch of an
// epoch may be partial, and the fill returns how many images it wrote.
import { imageSize, type ImageDataset } from './dataset';

/** SCALE[v] === Math.fround(v / 255): a table lookup instead of a division per pixel. */
const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

export interface FillOptions {
  /** Write labels as one-hot rows of `classes` values (y holds batchSize * classes) instead of indices. */
  oneHot?: boolean;
}

export function batchCount(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}

/**
 * Writes the images order[start], order[start + 1], ... into x (batchSize * H * W * C values, so x sets
 * the batch size) and their labels into y; returns how many it wrote: the batch size, or fewer at the
 * end of `order`. Past that count, x and y keep what they held.
 */
export function fillBatch(
  dataset: ImageDataset,
  order: ArrayLike<number>,
  start: number,
  x: Float32Array,
  y: Int32Array | Float32Array,
  options: FillOptions = {},
): number {
  const size = imageSize(dataset.shape);
  const batchSize = x.length / size;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`x holds ${x.length} values, not a whole number of ${size}-value images`);
  }
  const perLabel = options.oneHot === true ? dataset.classes : 1;
  if (y.length !== batchSize * perLabel) {
    throw new RangeError(`y holds ${y.length} values, not ${batchSize * perLabel} for ${batchSize} images`);
  }
  if (!Number.isInteger(start) || start < 0 || start >= order.length) {
    throw new RangeError(`batch start ${start} is outside the ${order.length} indices`);
  }
  const n = Math.min(batchSize, order.length - start);
  const { images, labels, count } = dataset;
  if (perLabel > 1) y.fill(0, 0, n * perLabel);
  for (let b = 0; b < n; b++) {
    const index = order[start + b] as number;
    if (!(index >= 0 && index < count)) throw new RangeError(`image index ${index} is outside 0..${count}`);
    const from = index * size;
    const to = b * size;
    for (let k = 0; k < size; k++) x[to + k] = SCALE[images[from + k] as number] as number;
    const label = labels[index] as number;
    if (perLabel > 1) y[b * perLabel + label] = 1;
    else y[b] = label;
  }
  return n;
}

/** One image scaled to [0, 1], e.g. to show a test prediction; into `out` when given. */
export function imageAsFloats(dataset: ImageDataset, index: number, out?: Float32Array): Float32Array {
  const size = imageSize(dataset.shape);
  if (!Number.isInteger(index) || index < 0 || index >= dataset.count) {
    throw new RangeError(`image index ${index} is outside 0..${dataset.count}`);
  }
  const target = out ?? new Float32Array(size);
  if (target.length !== size) throw new RangeError(`out holds ${target.length} values, not ${size}`);
  const from = index * size;
  for (let k = 0; k < size; k++) target[k] = SCALE[dataset.images[from + k] as number] as number;
  return target;
}
