import { describe, expect, it } from 'vitest';
import { countClasses, makeImageDataset, numberedClassNames, type ImageDataset } from './dataset';
import { sharedBytes } from './idx';

const parts = (overrides: Partial<Omit<ImageDataset, 'count'>> = {}): Omit<ImageDataset, 'count'> => ({
  name: 'd',
  images: sharedBytes(3 * 2 * 2),
  labels: Uint8Array.of(0, 2, 1),
  shape: [2, 2, 1],
  classes: 3,
  classNames: ['a', 'b', 'c'],
  ...overrides,
});

describe('makeImageDataset', () => {
  it('counts the images and keeps the memory it was given', () => {
    const p = parts();
    const dataset = makeImageDataset(p);
    expect(dataset.count).toBe(3);
    expect(dataset.images).toBe(p.images);
    expect(dataset.images.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it.each([
    [
      'a label not below classes',
      { labels: Uint8Array.of(0, 3, 1) },
      'd: label 3 of image 1 is not below the 3',
    ],
    ['fewer images than labels', { images: sharedBytes(8) }, 'd: 3 labels but 2 images of (2, 2, 1)'],
    ['a partial image', { images: sharedBytes(9) }, 'd: 3 labels but a partial number of images'],
    ['too few class names', { classNames: ['a', 'b'] }, 'd: 2 class names for 3 classes'],
    ['0 classes', { classes: 0, classNames: [] }, 'd: 0 classes: labels are stored as bytes'],
    ['a 2-D shape', { shape: [2, 2] as never }, 'd: image shape (2, 2) must be three positive integers'],
    ['a zero in the shape', { shape: [2, 0, 1] as never }, 'must be three positive integers'],
  ])('rejects %s', (_, overrides, message) => {
    expect(() => makeImageDataset(parts(overrides))).toThrow(message);
  });
});

describe('class helpers', () => {
  it('counts classes as the largest label + 1 over every set', () => {
    expect(countClasses(Uint8Array.of(0, 3), Uint8Array.of(7, 1))).toBe(8);
    expect(numberedClassNames(3)).toEqual(['0', '1', '2']);
  });
});
