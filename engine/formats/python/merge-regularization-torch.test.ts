// The exported PyTorch script for the merge and regularization group against our native core: a model
// trained 100 MNIST batches predicts the same probabilities in PyTorch (1e-4), and the script trains it.
// Needs PyTorch (apt-get install python3-torch); skipped, saying so, without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeModelFile } from '../../model-file';
import { MNIST_DATA, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { mergeRegularizationGraph } from '../merge-regularization.test-support';
import { exportPytorch } from '.';

const PREDICT = 64;

const python = [process.env.LAYERWISE_PYTHON, 'python3', '/usr/bin/python3'].find(
  (candidate) => candidate !== undefined && spawnSync(candidate, ['-c', 'import torch']).status === 0,
);

function run(args: string[], cwd: string): string {
  const result = spawnSync(python as string, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', CUDA_VISIBLE_DEVICES: '' },
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

describe('exported PyTorch script of the merge and regularization layers', () => {
  it.skipIf(python === undefined)(
    'same predictions as our core (1e-4) and it trains (requires python3-torch)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch-merge-'));
      const { model, expected } = trainedWithPredictions('merges', mergeRegularizationGraph(), PREDICT);
      const weightsFile = join(dir, 'model.layerwise.json');
      writeFileSync(weightsFile, serializeModelFile(model));
      const exported = exportPytorch(model);
      if (!exported.ok) throw new Error(exported.issues.map((i) => i.message).join('\n'));
      const script = join(dir, exported.value[0]?.name ?? 'model.py');
      writeFileSync(script, exported.value[0]?.data ?? '');
      const data = join(process.cwd(), MNIST_DATA);
      const args = [script, '--weights', weightsFile];
      const predicted = (
        JSON.parse(run([...args, '--predict', `${PREDICT}`, '--data', data], dir)) as number[][]
      ).flat();
      expect(predicted).toHaveLength(expected.length);
      const diff = Math.max(...predicted.map((p, i) => Math.abs(p - (expected[i] as number))));
      console.log(`PyTorch merges: max |PyTorch - native| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-4);
      const log = run([...args, '--epochs', '1', '--limit', '128', '--data', data], dir);
      expect(Number.isFinite(Number(/loss: ([^\s]+)/.exec(log)?.[1])), log).toBe(true);
    },
    120_000,
  );
});
