// The exported PyTorch script for the merge and regularization group against our native core: a model
// trained 100 MNIST batches predicts the same probabilities in PyTorch (1e-4); the script's loss on the
// same batch, ActivityRegularization's term included, is our core's evaluation loss; in training mode
// nn.Dropout2d (SpatialDropout2D) drops whole channels; and the script trains. Needs PyTorch (apt-get
// install python3-torch); skipped, saying so, without it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeModelFile } from '../../model-file';
import { MNIST_DATA, mnistSamples, trainedOnMnist } from '../../../worker-native/test-support/trained-mnist';
import { mergeRegularizationGraph } from '../merge-regularization.test-support';
import { exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 64;

// Loads the exported script as a module (its main does not run), our weights into its Net, then prints
// the evaluation loss of the first test images and how Dropout2d treats a batch of ones while training.
const CHECK = String.raw`
import json, runpy, sys, torch
script, weights, data, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ns = runpy.run_path(script, run_name='layerwise_check')
net = ns['Net']()
ns['load_weights'](net, ns['read_weights'](weights)[1])
images, labels = ns['load_images'](data, 'test')
x, y = torch.from_numpy(images[:count]), torch.from_numpy(labels[:count]).long()
net.eval()
with torch.no_grad():
    loss, _ = ns['batch_loss'](net, x, y)
    loss = float(loss + ns['kernel_penalty'](net))
dropout = next(m for m in net.modules() if isinstance(m, torch.nn.Dropout2d))
dropout.train()
z = dropout(torch.ones(256, 8, 5, 4))
flat = z.reshape(256 * 8, -1)
print(json.dumps({'loss': loss, 'whole': bool((flat == flat[:, :1]).all()),
                  'dropped': float((flat[:, 0] == 0).float().mean()), 'p': dropout.p}))
`;

describe('exported PyTorch script of the merge and regularization layers', () => {
  it.skipIf(python === undefined)(
    'same predictions and loss as our core (1e-4), Dropout2d drops channels, it trains (requires python3-torch)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch-merge-'));
      const g = mergeRegularizationGraph();
      const { native, model } = trainedOnMnist('merge-regularization', g, { config: { seed: 7 } });
      const { images, labels } = mnistSamples('t10k', 0, PREDICT);
      const expected = native.predict(images);
      const nativeLoss = native.evaluate(images, labels).loss;
      native.dispose();
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
      console.log(`PyTorch merge/regularization: max |PyTorch - native| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-4);

      const check = JSON.parse(run(['-c', CHECK, script, weightsFile, data, `${PREDICT}`], dir)) as {
        loss: number;
        whole: boolean;
        dropped: number;
        p: number;
      };
      console.log(`PyTorch loss ${check.loss} vs native ${nativeLoss}`);
      expect(Math.abs(check.loss - nativeLoss)).toBeLessThanOrEqual(1e-4 * Math.max(1, nativeLoss));
      expect(check.p).toBe(0.25);
      expect(check.whole).toBe(true);
      expect(Math.abs(check.dropped - 0.25)).toBeLessThan(0.06);

      const log = run([...args, '--epochs', '1', '--limit', '128', '--data', data], dir);
      expect(Number.isFinite(Number(/loss: ([^\s]+)/.exec(log)?.[1])), log).toBe(true);
    },
    120_000,
  );
});
