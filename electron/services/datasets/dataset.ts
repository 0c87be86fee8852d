// The in-memory dataset: images kept as uint8 (MNIST is 47 MB this way, 188 MB as floats) in a
// SharedArrayBuffer that worker threads read without a copy, labels as class indices. `makeImageDataset`
// is the one place that checks the parts agree.
import { DatasetError, formatCount } from './errors';

export type ImageShape = [height: number, width: number, channels: number];

export interface ImageDataset {
  name: string;
  /** count * H * W * C values 0-255, image after image, channels last; SharedArrayBuffer-backed. */
  images: Uint8Array;
  /** One class index per image, each below `classes`. */
  labels: Uint8Array;
  count: number;
  shape: ImageShape;
  classes: number;
  classNames: string[];
}

export interface DatasetPair {
  train: ImageDataset;
  test: ImageDataset;
}

export function imageSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Builds a dataset after checking that the counts, the shape, the labels and the class names agree. */
export function makeImageDataset(parts: Omit<ImageDataset, 'count'>): ImageDataset {
  const { name, images, labels, shape, classes, classNames } = parts;
  const fail = (what: string) => new DatasetError('E_DATASET_CONTENT', `${name}: ${what}`);
  if (shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw fail(`image shape (${shape.join(', ')}) must be three positive integers (height, width, channels)`);
  }
  if (!Number.isInteger(classes) || classes < 1 || classes > 256) {
    throw fail(`${classes} classes: labels are stored as bytes, so 1 to 256 classes are supported`);
  }
  if (classNames.length !== classes) {
    throw fail(`${classNames.length} class names for ${classes} classes`);
  }
  const count = labels.length;
  const size = imageSize(shape);
  if (images.length !== count * size) {
    const found = images.length / size;
    throw fail(
      `${formatCount(count)} labels but ${Number.isInteger(found) ? formatCount(found) : 'a partial number of'}` +
        ` images of (${shape.join(', ')}): the image and label files must come from the same set`,
    );
  }
  for (let i = 0; i < count; i++) {
    const label = labels[i] ?? 0;
    if (label >= classes) {
      throw fail(`label ${label} of image ${formatCount(i)} is not below the ${classes} classes`);
    }
  }
  return { name, images, labels, count, shape: [shape[0], shape[1], shape[2]], classes, classNames };
}

/** Largest label + 1: the class count when nothing says otherwise. */
export function countClasses(...labelSets: Uint8Array[]): number {
  let max = 0;
  for (const labels of labelSets) for (const label of labels) if (label > max) max = label;
  return max + 1;
}

/** "0", "1", ... for datasets whose classes have no names. */
export function numberedClassNames(classes: number): string[] {
  return Array.from({ length: classes }, (_, i) => String(i));
}
