// The augmentation layers in the Python scripts: the Keras script writes the real Keras layers (Keras
// applies them only in training); the PyTorch module augments in train mode only (flips and contrast as
// tensor expressions, translation, rotation and zoom through the script's random_warp, grid_sample
// based), so eval-mode predictions equal our core's and a fixed transform in train mode equals our
// core's training output (checked with python3-torch where it is installed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { MNIST_DATA, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { serializeModelFile, type ModelFile } from '../../model-file';
import { chain } from '../../testing/graphs';
import { augmentedCnn, branched } from '../augmentation-graphs.test-support';
import { exportKeras, exportPytorch } from '.';
import { python, run } from '../../../worker-native/test-support/torch-python';

const PREDICT = 50;

const modelOf = (graph: ModelFile['graph']): ModelFile => ({
  format: 'layerwise-model',
  version: 2,
  name: 'augmented',
  graph,
});

function script(result: ReturnType<typeof exportPytorch>): { name: string; text: string } {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return { name: result.value[0]?.name ?? 'x.py', text: String(result.value[0]?.data) };
}

describe('Keras script', () => {
  const text = script(exportKeras(modelOf(augmentedCnn))).text;
  it.each([
    'layers.RandomFlip("horizontal", name="random_flip")(input_layer)',
    'layers.RandomTranslation(0.1, 0.1, name="random_translation")(random_flip)',
    'layers.RandomRotation(0.05, fill_mode="nearest", name="random_rotation")(random_translation)',
    'layers.RandomZoom([-0.1, 0.1], fill_mode="constant", name="random_zoom")(random_rotation)',
    'layers.RandomContrast(0.2, value_range=[0, 1], name="random_contrast")(random_zoom)',
    'layers.Conv2D(8, (3, 3), activation="relu", kernel_regularizer=regularizer, name="conv2d")(random_contrast)',
  ])('writes %s', (line) => {
    expect(text).toContain(line);
  });

  it('writes a layer seed', () => {
    expect(script(exportKeras(modelOf(branched))).text).toContain(
      'layers.RandomZoom(0.2, seed=3, name="random_zoom")(input_layer)',
    );
  });
});

describe('PyTorch script', () => {
  const { text } = script(exportPytorch(modelOf(augmentedCnn)));
  it.each([
    'self.random_flip = nn.Identity()  # RandomFlip: flips only in net.train() mode',
    'self.random_rotation = nn.Identity()  # RandomRotation: rotates only in net.train() mode',
    "random_translation = random_warp(random_flip, 'translation', ((-0.1, 0.1), (-0.1, 0.1),), 'reflect', 'bilinear', 0, self.random_translation.training)",
    "random_zoom = random_warp(random_rotation, 'zoom', ((-0.1, 0.1), None,), 'constant', 'bilinear', 0, self.random_zoom.training)",
    'random_flip = (torch.where(torch.rand(input_layer.shape[0], 1, 1, 1, device=input_layer.device) < 0.5, input_layer.flip(3), input_layer) if self.random_flip.training else input_layer)',
    'if self.random_contrast.training else random_zoom)',
    'conv2d = torch.relu(self.conv2d(random_contrast))',
  ])('writes %s', (line) => {
    expect(text).toContain(line);
  });

  it('flips both ways with one coin per direction, drawn once', () => {
    const both = script(exportPytorch(modelOf(branched))).text;
    expect(both).toContain('(lambda h: torch.where(');
    expect(both).toMatch(/h\.flip\(2\), h\)\)\(torch\.where\([^)]*\) < 0\.5, add\.flip\(3\), add\)\)/);
  });

  it.each([
    ['every augmentation in a row', augmentedCnn],
    ['augmentations inside branches', branched],
  ])('%s: both scripts compile with python3 -m py_compile', (_name, g) => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-aug-py-'));
    for (const exported of [exportPytorch(modelOf(g)), exportKeras(modelOf(g))]) {
      const { name, text: source } = script(exported);
      writeFileSync(join(dir, name), source);
      const compiled = spawnSync('python3', ['-m', 'py_compile', join(dir, name)], { encoding: 'utf8' });
      expect(compiled.stderr).toBe('');
      expect(compiled.status).toBe(0);
    }
  });

  // Runs the module of a model whose output is the augmentation itself, in train and eval mode.
  const behaviour = String.raw`
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location('exported', sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
torch.manual_seed(0)
net = module.Net()
x = torch.rand(64, 6, 5, 2)
xc = x.permute(0, 3, 1, 2)
net.eval()
same_in_eval = bool(torch.equal(net(x), xc))
net.train()
y = net(x)
flipped = [bool(torch.equal(y[i], xc[i].flip(2))) for i in range(64)]
kept = [bool(torch.equal(y[i], xc[i])) for i in range(64)]
mean_gap = float((y.mean((2, 3)) - xc.mean((2, 3))).abs().max())
print(json.dumps({'eval': same_in_eval, 'flipped': sum(flipped), 'kept': sum(kept),
                  'either': all(f or k for f, k in zip(flipped, kept)), 'mean_gap': mean_gap}))
`;

  it.skipIf(python === undefined)('RandomFlip flips in train mode only (requires python3-torch)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-aug-torch-'));
    const { name: file, text: source } = script(
      exportPytorch(modelOf(chain([6, 5, 2], ['RandomFlip', { mode: 'horizontal' }]))),
    );
    writeFileSync(join(dir, file), source);
    writeFileSync(join(dir, 'check.py'), behaviour);
    const result = JSON.parse(run(['check.py', file], dir));
    expect(result).toMatchObject({ eval: true, either: true });
    expect(result.flipped).toBeGreaterThan(10);
    expect(result.kept).toBeGreaterThan(10);
  });

  it.skipIf(python === undefined)(
    "RandomContrast keeps each channel's mean and changes values in train mode only (requires python3-torch)",
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-aug-torch-'));
      const contrast = ['RandomContrast', { factor: 0.5, value_range: [-10, 10] }] as const;
      const { name: file, text: source } = script(exportPytorch(modelOf(chain([6, 5, 2], contrast))));
      writeFileSync(join(dir, file), source);
      writeFileSync(join(dir, 'check.py'), behaviour);
      const result = JSON.parse(run(['check.py', file], dir));
      expect(result).toMatchObject({ eval: true, kept: 0 });
      expect(result.mean_gap).toBeLessThan(1e-5);
    },
  );

  // A [f, f] range makes the sampled transform known: PyTorch's train mode must equal our core's.
  const warpCheck = String.raw`
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location('exported', sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
net = module.Net().train()
x = torch.tensor(json.load(open(sys.argv[2])), dtype=torch.float32).reshape(-1, 7, 6, 2)
print(json.dumps(net(x).permute(0, 2, 3, 1).reshape(-1).tolist()))
`;
  it.skipIf(python === undefined).each([
    ['RandomRotation', { factor: [0.1, 0.1] }],
    ['RandomRotation', { factor: [-0.3, -0.3], fill_mode: 'constant', fill_value: 0.25 }],
    ['RandomRotation', { factor: [0.07, 0.07], fill_mode: 'nearest' }],
    ['RandomTranslation', { height_factor: [0.3, 0.3], width_factor: [-0.25, -0.25] }],
    [
      'RandomTranslation',
      { height_factor: [-0.6, -0.6], width_factor: [0.45, 0.45], interpolation: 'nearest' },
    ],
    ['RandomZoom', { height_factor: [0.5, 0.5], width_factor: [0.2, 0.2] }],
    ['RandomZoom', { height_factor: [-0.4, -0.4], fill_mode: 'constant' }],
  ] as const)(
    '%s %j in train mode equals our training output (1e-5; requires python3-torch)',
    (type, params) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-aug-torch-'));
      const g = chain([7, 6, 2], [type, params]);
      const native = nativeModel(g, {}, 1);
      const x = randomFloats(4 * 7 * 6 * 2, 3, 0, 1);
      const expected = native.predict(x, { training: true });
      native.dispose();
      const { name: file, text: source } = script(exportPytorch(modelOf(g)));
      writeFileSync(join(dir, file), source);
      writeFileSync(join(dir, 'check.py'), warpCheck);
      writeFileSync(join(dir, 'x.json'), JSON.stringify([...x]));
      const torchOut = JSON.parse(run(['check.py', file, 'x.json'], dir)) as number[];
      expect(torchOut).toHaveLength(expected.length);
      const diff = Math.max(...torchOut.map((v, i) => Math.abs(v - (expected[i] as number))));
      console.log(
        `${type} ${JSON.stringify(params)}: max |PyTorch train - native train| = ${diff.toExponential(2)}`,
      );
      expect(diff).toBeLessThan(1e-5);
    },
  );

  it.skipIf(python === undefined).each([
    ['every augmentation in a row', augmentedCnn],
    ['augmentations inside branches', branched],
  ])(
    '%s: eval-mode predictions equal ours (1e-4) and it trains with augmentation (requires python3-torch)',
    (name, g) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-aug-torch-'));
      const { model, expected } = trainedWithPredictions(name, g, PREDICT);
      const weights = join(dir, 'model.layerwise.json');
      writeFileSync(weights, serializeModelFile(model));
      const { name: file, text: source } = script(exportPytorch(model));
      writeFileSync(join(dir, file), source);
      const data = join(process.cwd(), MNIST_DATA);
      const predicted = (
        JSON.parse(
          run([file, '--weights', weights, '--predict', `${PREDICT}`, '--data', data], dir),
        ) as number[][]
      ).flat();
      expect(predicted).toHaveLength(expected.length);
      const diff = Math.max(...predicted.map((p, i) => Math.abs(p - (expected[i] as number))));
      console.log(`${name}: max |PyTorch - native| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-4);
      const log = run([file, '--weights', weights, '--epochs', '1', '--limit', '256', '--data', data], dir);
      expect(Number.isFinite(Number(/loss: ([^\s]+)/.exec(log)?.[1])), log).toBe(true);
    },
    120_000,
  );
});
