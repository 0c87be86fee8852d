// The exported PyTorch script for LayerNormalization, ZeroPadding2D, UpSampling2D and Cropping2D
// against our native core: models trained 100 batches in Layerwise predict the same MNIST
// probabilities in PyTorch (1e-4), and the script trains and saves a model file Layerwise reads.
// Needs PyTorch (apt-get install python3-torch); skipped, saying so, without it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MNIST_DATA, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { compileGraph } from '../../compile';
import { readModel, serializeModelFile } from '../../model-file';
import { chain } from '../../testing/graphs';
import { decodeWeights } from '../weights';
import { exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 100;

const sides = (top: number, bottom: number, left: number, right: number) => [
  [top, bottom],
  [left, right],
];

const cases = [
  {
    // LayerNormalization on NCHW channels (permuted around nn.LayerNorm), asymmetric F.pad and slicing,
    // bilinear and nearest F.interpolate.
    name: 'encoder-decoder',
    graph: chain(
      [28, 28, 1],
      ['Cropping2D', { cropping: sides(2, 1, 0, 3) }],
      ['Conv2D', { filters: 4, kernel_size: 3, strides: 2, activation: 'relu' }],
      ['LayerNormalization'],
      ['UpSampling2D', { interpolation: 'bilinear' }],
      ['ZeroPadding2D', { padding: sides(1, 0, 2, 1) }],
      ['Conv2D', { filters: 2, kernel_size: 3, strides: 3 }],
      ['UpSampling2D', { size: [1, 2] }],
      ['Flatten'],
      ['Dense', { units: 10, activation: 'softmax' }],
    ),
  },
  {
    // nn.LayerNorm on a sequence and on features, with gamma or beta frozen at the identity.
    name: 'layer-norm-mlp',
    graph: chain(
      [28, 28, 1],
      ['Reshape', { target_shape: [28, 28] }],
      ['LayerNormalization', { center: false }],
      ['Flatten'],
      ['Dense', { units: 32, activation: 'relu' }],
      ['LayerNormalization', { scale: false, epsilon: 0.01 }],
      ['Dense', { units: 16 }],
      ['LayerNormalization', { scale: false, center: false }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ),
  },
];

describe('exported PyTorch script of the spatial layers and LayerNormalization', () => {
  it.skipIf(python === undefined).each(cases)(
    '$name: same predictions (1e-4) and it trains (requires python3-torch)',
    ({ name, graph: g }) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch-'));
      const { model, expected } = trainedWithPredictions(name, g, PREDICT);
      const weightsFile = join(dir, 'model.layerwise.json');
      writeFileSync(weightsFile, serializeModelFile(model));
      const exported = exportPytorch(model);
      if (!exported.ok) throw new Error(exported.issues.map((i) => i.message).join('\n'));
      const script = join(dir, exported.value[0]?.name ?? 'model.py');
      writeFileSync(script, exported.value[0]?.data ?? '');
      const data = join(process.cwd(), MNIST_DATA);

      const predicted = (
        JSON.parse(
          run([script, '--weights', weightsFile, '--predict', `${PREDICT}`, '--data', data], dir),
        ) as number[][]
      ).flat();
      expect(predicted).toHaveLength(expected.length);
      const diff = Math.max(...predicted.map((p, i) => Math.abs(p - (expected[i] as number))));
      console.log(`${name}: max |PyTorch - native| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-4);

      const out = join(dir, 'trained.layerwise.json');
      const log = run(
        [script, '--weights', weightsFile, '--epochs', '1', '--limit', '256', '--data', data, '--out', out],
        dir,
      );
      expect(Number.isFinite(Number(/loss: ([^\s]+)/.exec(log)?.[1])), log).toBe(true);
      const saved = readModel(JSON.parse(readFileSync(out, 'utf8')));
      expect(saved.ok).toBe(true);
      const plan = compileGraph(g);
      if (!saved.ok || !saved.model.weights || !plan.ok) throw new Error('the saved model does not load');
      expect(decodeWeights(plan.plan, saved.model.weights).issues).toEqual([]);
    },
    120_000,
  );
});
