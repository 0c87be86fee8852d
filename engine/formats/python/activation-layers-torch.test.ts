// The exported PyTorch script with the activation layers (ReLU in every setting, LeakyReLU, ELU, Softmax
// on channels and on height, PReLU per value and per channel) against our native core: models trained
// in Layerwise predict the same MNIST probabilities in PyTorch (1e-4), and the script trains them.
// Needs PyTorch (python3-torch); skipped, saying so, without it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MNIST_DATA, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { TRAINED_ACTIVATION_CASES } from '../../layers/activation-layers.test-support';
import { serializeModelFile } from '../../model-file';
import { exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 100;

describe('exported PyTorch script with the activation layers', () => {
  it.skipIf(python === undefined).each(TRAINED_ACTIVATION_CASES)(
    '$name: same predictions (1e-4) and it trains (requires python3-torch)',
    ({ name, graph }) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch-act-'));
      const { model, expected } = trainedWithPredictions(name, graph, PREDICT);
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
      const log = run(
        [
          script,
          '--weights',
          weightsFile,
          '--epochs',
          '1',
          '--limit',
          '256',
          '--data',
          data,
          '--out',
          join(dir, 'out.json'),
        ],
        dir,
      );
      expect(Number.isFinite(Number(/loss: ([^\s]+)/.exec(log)?.[1])), log).toBe(true);
    },
    120_000,
  );
});
