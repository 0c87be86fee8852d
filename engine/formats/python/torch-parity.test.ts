// The exported PyTorch script against our native core: models trained ~100 batches in Layerwise must
// predict the same MNIST probabilities in PyTorch (1e-4), and the script must train and save a model
// file Layerwise reads. Needs PyTorch (apt-get install python3-torch); skipped, saying so, without it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { readModel, serializeModelFile } from '../../model-file';
import { ACTIVATIONS } from '../../params';
import { chain, graph } from '../../testing/graphs';
import {
  MNIST_DATA,
  templateGraph,
  trainedWithPredictions,
} from '../../../worker-native/test-support/trained-mnist';
import { decodeWeights } from '../weights';
import { exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 100;

/** The first Python that imports torch: LAYERWISE_PYTHON, python3, or Debian's own (python3-torch). */
const hasTorch = python !== undefined;

// Two branches merged by Add and Concatenate (channels and height), trained BatchNormalization on
// rank 3, 2 and 1, Dropout, TF 'same' padding that is asymmetric, a channel softmax, Dense on an image.
const branches = graph(
  [
    ['in', 'InputLayer', { shape: [28, 28, 1] }],
    ['a', 'Conv2D', { filters: 8, strides: 2, padding: 'same', activation: 'relu' }],
    ['b', 'Conv2D', { filters: 8, kernel_size: 1, strides: 2 }],
    ['add', 'Add'],
    ['bn', 'BatchNormalization'],
    ['act', 'Activation', { activation: 'swish' }],
    ['mp', 'MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
    ['ap', 'AveragePooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
    ['cat', 'Concatenate'],
    ['soft', 'Activation', { activation: 'softmax' }],
    ['gap', 'GlobalAveragePooling2D'],
    ['gmp', 'GlobalMaxPooling2D'],
    ['tall', 'Concatenate', { axis: 1 }],
    ['dimg', 'Dense', { units: 4, activation: 'elu' }],
    ['rs', 'Reshape', { target_shape: [-1, 8] }],
    ['bn2', 'BatchNormalization', { scale: false }],
    ['flat', 'Flatten'],
    ['all', 'Concatenate'],
    ['drop', 'Dropout', { rate: 0.3 }],
    ['bn1', 'BatchNormalization', { center: false }],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  [
    ...[
      'in->a',
      'in->b',
      'a->add',
      'b->add',
      'add->bn',
      'bn->act',
      'act->mp',
      'act->ap',
      'mp->cat',
      'ap->cat',
    ],
    ...['cat->soft', 'soft->gap', 'cat->gmp', 'mp->tall', 'ap->tall', 'tall->dimg', 'dimg->rs', 'rs->bn2'],
    ...['bn2->flat', 'gap->all', 'gmp->all', 'flat->all', 'all->drop', 'drop->bn1', 'bn1->out'],
  ],
);

const activations = chain(
  [28, 28, 1],
  ['Flatten'],
  ...ACTIVATIONS.filter((a) => a !== 'softmax').map(
    (activation) => ['Dense', { units: 24, activation }] as const,
  ),
  ['Dense', { units: 10, activation: 'softmax' }],
);

const cases = [
  { name: 'mnist-mlp', graph: templateGraph('mnist-mlp') },
  { name: 'mnist-cnn', graph: templateGraph('mnist-cnn') },
  { name: 'lenet5', graph: templateGraph('lenet5') },
  { name: 'branches', graph: branches },
  { name: 'activations', graph: activations },
];

describe('exported PyTorch script against our native core', () => {
  it.skipIf(!hasTorch).each(cases)(
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
      const loss = Number(/loss: ([^\s]+)/.exec(log)?.[1]);
      expect(Number.isFinite(loss), log).toBe(true);
      const saved = readModel(JSON.parse(readFileSync(out, 'utf8')));
      expect(saved.ok).toBe(true);
      const plan = compileGraph(g);
      if (saved.ok && saved.model.weights && plan.ok) {
        expect(decodeWeights(plan.plan, saved.model.weights).issues).toEqual([]);
      }
    },
    120_000,
  );
});
