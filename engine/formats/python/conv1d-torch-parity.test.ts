// The exported PyTorch script for the 1-D layers (nn.Conv1d, nn.MaxPool1d, nn.AvgPool1d, mean/amax over
// the steps) against our native core: models trained 100 batches on MNIST rows must predict the same
// probabilities in PyTorch (1e-4), and the script must train them and save a model file Layerwise reads.
// Sequences stay (N, steps, channels) between layers and are transposed to PyTorch's (N, channels,
// steps) around each 1-D module; TF's asymmetric 'same' padding goes through F.pad. Needs PyTorch.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { readModel, serializeModelFile } from '../../model-file';
import { SEQUENCE_GRAPHS } from '../../../worker-native/test-support/sequence-graphs';
import { MNIST_DATA, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { decodeWeights } from '../weights';
import { exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 100;

describe('exported PyTorch script of the 1-D layers against our native core', () => {
  it.skipIf(python === undefined).each(SEQUENCE_GRAPHS)(
    '$name: same predictions (1e-4) and it trains (requires python3-torch)',
    ({ name, graph: g }) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch1d-'));
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
      if (saved.ok && saved.model.weights && plan.ok)
        expect(decodeWeights(plan.plan, saved.model.weights).issues).toEqual([]);
    },
    120_000,
  );
});
