// kernel_regularizer in the native core: the loss gains l1·Σ|w| + l2·Σw² per regularised kernel (on top
// of the training's global l2), and the gradient l1·sign(w) + 2·l2·w, computed here from the weights.
import { describe, expect, it } from 'vitest';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { nativeModel, randomFloats, randomLabels } from '../test-support/models';

const BATCH = 4;

const cases: readonly (readonly [string, number[], LayerSpec, string])[] = [
  ['Dense', [6], ['Dense', { units: 5, activation: 'relu' }], 'dense/kernel'],
  ['Conv2D', [6, 6, 2], ['Conv2D', { filters: 3, kernel_size: 3 }], 'conv2d/kernel'],
  ['Conv1D', [8, 3], ['Conv1D', { filters: 4, kernel_size: 3 }], 'conv1d/kernel'],
];

function gradientsOf(input: number[], layer: LayerSpec, own: unknown, globalL2: number) {
  const [type, params] = layer;
  const g = chain(
    input,
    [type, { ...params, kernel_regularizer: own }],
    ['Flatten'],
    ['Dense', { units: 3 }],
  );
  const model = nativeModel(g, { seed: 7, l2: globalL2 });
  const x = randomFloats(BATCH * input.reduce((a, b) => a * b, 1), 3);
  const y = randomLabels(BATCH, 3, 4);
  return { result: model.computeGradients(x, y, { training: true }), weights: model.getWeights() };
}

describe('kernel_regularizer', () => {
  it.each(cases)('%s: loss and kernel gradient gain the L1L2 terms', (_type, input, layer, kernel) => {
    for (const globalL2 of [0, 0.002]) {
      const plain = gradientsOf(input, layer, null, globalL2);
      const regularised = gradientsOf(input, layer, { l1: 0.01, l2: 0.03 }, globalL2);
      const w = regularised.weights[kernel] as Float32Array;
      expect(w).toEqual(plain.weights[kernel]); // same seed, same initial weights
      let penalty = 0;
      for (const v of w) penalty += 0.01 * Math.abs(v) + 0.03 * v * v;
      expect(regularised.result.loss - plain.result.loss).toBeCloseTo(penalty, 5);
      const dw = regularised.result.gradients[kernel] as Float32Array;
      const dw0 = plain.result.gradients[kernel] as Float32Array;
      for (let i = 0; i < w.length; i++) {
        const v = w[i] as number;
        expect((dw[i] as number) - (dw0[i] as number)).toBeCloseTo(0.01 * Math.sign(v) + 2 * 0.03 * v, 5);
      }
      // The layer after it keeps its own gradient: only the regularised kernel gains terms.
      const others = Object.keys(plain.result.gradients).filter((n) => n !== kernel);
      for (const name of others)
        expect(regularised.result.gradients[name]).toEqual(plain.result.gradients[name]);
    }
  });

  it("takes Keras' shortcuts: 'l2' is L2(0.01)", () => {
    const [, input, layer, kernel] = cases[0] as (typeof cases)[number];
    const plain = gradientsOf(input, layer, null, 0);
    const shortcut = gradientsOf(input, layer, 'l2', 0);
    let penalty = 0;
    for (const v of shortcut.weights[kernel] as Float32Array) penalty += 0.01 * v * v;
    expect(shortcut.result.loss - plain.result.loss).toBeCloseTo(penalty, 6);
  });
});
