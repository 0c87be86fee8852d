import { describe, expect, it } from 'vitest';
import { makeImageDataset } from './dataset';
import { sharedBytes } from './idx';
import { sliceDataset, splitDataset, validationSplit } from './split';

const dataset = (count: number) => {
  const images = sharedBytes(count * 2);
  images.forEach((_, i) => (images[i] = i % 256));
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return makeImageDataset({
    name: 'd',
    images,
    labels,
    shape: [1, 2, 1],
    classes: 10,
    classNames: [...'0123456789'],
  });
};

describe('validationSplit', () => {
  it.each([
    [60000, 0.1, 54000],
    [60000, 0.2, 48000],
    [10, 0.25, 7], // floor(7.5), as Keras
    [10, 0.3, 7], // 10 * 0.7 is 7.000000000000001 in doubles
    [100, 0.7, 30],
    [5, 0, 5],
  ])('cuts %i images at fraction %d after %i', (count, fraction, at) => {
    expect(validationSplit(count, fraction)).toEqual({
      train: { start: 0, end: at },
      validation: { start: at, end: count },
    });
  });

  it.each([
    [10, 1, 'validation split 1 is out of range'],
    [10, -0.1, 'validation split -0.1 is out of range'],
    [10, Number.NaN, 'validation split NaN is out of range'],
    [10, 1e-17, 'leaves no validation images out of 10: choose a larger fraction'],
    [1, 0.5, 'leaves no training images out of 1: choose a smaller fraction'],
  ])('refuses %i images at fraction %d', (count, fraction, message) => {
    expect(() => validationSplit(count, fraction)).toThrow(message);
  });
});

describe('splitDataset', () => {
  it('holds out the tail as views of the same memory', () => {
    const all = dataset(20);
    const { train, validation } = splitDataset(all, 0.25);
    expect(train.count).toBe(15);
    expect(validation?.count).toBe(5);
    expect(validation?.name).toBe('d (validation)');
    expect(Array.from(validation?.labels ?? [])).toEqual([5, 6, 7, 8, 9]);
    expect(Array.from(validation?.images.subarray(0, 2) ?? [])).toEqual([30, 31]);
    expect(train.images.buffer).toBe(all.images.buffer);
    expect(validation?.images.buffer).toBe(all.images.buffer);
    expect(validation?.images.byteOffset).toBe(30);
    all.images[30] = 99; // no copy: the parent's byte is the validation set's byte
    expect(validation?.images[0]).toBe(99);
  });

  it('gives no validation set for a fraction of 0', () => {
    const { train, validation } = splitDataset(dataset(20), 0);
    expect(train.count).toBe(20);
    expect(validation).toBeNull();
  });

  it('refuses a slice outside the dataset', () => {
    expect(() => sliceDataset(dataset(4), { start: 2, end: 5 })).toThrow('slice 2..5 is outside 0..4');
  });
});
