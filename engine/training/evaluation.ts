// Test-set results from predicted probabilities: confusion matrix, per-class accuracy and the
// misclassified images (index, true label, prediction), as the results panel and `layerwise eval` show.
import type { Misclassified } from '../api/events';
import type { LossName } from '../training-config';

export interface ClassificationReport {
  readonly accuracy: number;
  /** confusion[true][predicted] */
  readonly confusion: number[][];
  readonly per_class_accuracy: number[];
  readonly misclassified: Misclassified[];
}

export function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let j = 1; j < length; j++)
    if ((values[offset + j] as number) > (values[offset + best] as number)) best = j;
  return best;
}

export function classificationReport(
  probabilities: Float32Array,
  labels: Uint8Array,
  classes: number,
): ClassificationReport {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const misclassified: Misclassified[] = [];
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    const predicted = argmax(probabilities, i * classes, classes);
    (confusion[label] as number[])[predicted] = ((confusion[label] as number[])[predicted] as number) + 1;
    if (predicted === label) correct++;
    else misclassified.push({ index: i, label, predicted });
  }
  const per_class_accuracy = confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : (row[c] as number) / total;
  });
  return {
    accuracy: labels.length === 0 ? 0 : correct / labels.length,
    confusion,
    per_class_accuracy,
    misclassified,
  };
}

/** Mean loss over a test set from its predicted probabilities, as Keras computes it on probabilities
 *  (clipped to [1e-7, 1 - 1e-7]); saves a second pass over the data. */
export function lossFromProbabilities(
  loss: LossName,
  probabilities: Float32Array,
  labels: Uint8Array,
  classes: number,
): number {
  if (labels.length === 0) return 0;
  const clip = (p: number) => Math.min(Math.max(p, 1e-7), 1 - 1e-7);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = i * classes;
    const label = labels[i] as number;
    if (loss === 'sparse_categorical_crossentropy' || loss === 'categorical_crossentropy') {
      total -= Math.log(clip(probabilities[row + label] as number));
      continue;
    }
    let sum = 0;
    for (let j = 0; j < classes; j++) {
      const p = probabilities[row + j] as number;
      const t = j === label ? 1 : 0;
      sum +=
        loss === 'binary_crossentropy'
          ? -(t * Math.log(clip(p)) + (1 - t) * Math.log(1 - clip(p)))
          : (p - t) ** 2;
    }
    total += sum / classes;
  }
  return total / labels.length;
}
