// The test-set report on a hand-checked case: four images of three classes, two of them wrong.
import { describe, expect, it } from 'vitest';
import { argmax, classificationReport, lossFromProbabilities } from './evaluation';

const classes = 3;
// Rows of predicted probabilities; the labels are 0, 1, 2, 2.
const probabilities = Float32Array.from([0.7, 0.2, 0.1, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.2, 0.5, 0.3]);
const labels = Uint8Array.from([0, 1, 2, 2]);

describe('classificationReport', () => {
  it('counts confusion[true][predicted], per-class accuracy and the misclassified images', () => {
    const report = classificationReport(probabilities, labels, classes);
    expect(report.confusion).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 1],
    ]);
    expect(report.accuracy).toBe(0.5);
    expect(report.per_class_accuracy).toEqual([1, 0, 0.5]);
    expect(report.misclassified).toEqual([
      { index: 1, label: 1, predicted: 0 },
      { index: 3, label: 2, predicted: 1 },
    ]);
  });

  it('reports 0 for an empty test set and for a class with no images', () => {
    expect(classificationReport(new Float32Array(0), new Uint8Array(0), classes).accuracy).toBe(0);
    const onlyZeros = classificationReport(Float32Array.from([0.9, 0.05, 0.05]), Uint8Array.of(0), classes);
    expect(onlyZeros.per_class_accuracy).toEqual([1, 0, 0]);
  });

  it('argmax keeps the first of equal values', () => {
    expect(argmax(Float32Array.from([0.2, 0.4, 0.4]), 0, 3)).toBe(1);
  });
});

describe('lossFromProbabilities', () => {
  // Keras' formulas on the rows above (clipping does not bite at these values).
  const p = (i: number, j: number) => probabilities[i * classes + j] as number;
  const crossentropy = -(Math.log(p(0, 0)) + Math.log(p(1, 1)) + Math.log(p(2, 2)) + Math.log(p(3, 2))) / 4;

  it.each(['sparse_categorical_crossentropy', 'categorical_crossentropy'] as const)('%s', (loss) => {
    expect(lossFromProbabilities(loss, probabilities, labels, classes)).toBeCloseTo(crossentropy, 6);
  });

  it('mean_squared_error averages over classes, then images', () => {
    let total = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < classes; j++) total += (p(i, j) - (j === labels[i] ? 1 : 0)) ** 2 / classes;
    expect(lossFromProbabilities('mean_squared_error', probabilities, labels, classes)).toBeCloseTo(
      total / 4,
      6,
    );
  });

  it('clips a zero probability to 1e-7 instead of returning Infinity', () => {
    const sure = Float32Array.from([0, 1, 0]);
    const loss = lossFromProbabilities('categorical_crossentropy', sure, Uint8Array.of(0), classes);
    expect(loss).toBeCloseTo(-Math.log(1e-7), 6);
  });
});
