// `layerwise export` and `layerwise import` on disk: files written all or nothing, sidecar weights,
// and hostile inputs (path tricks in weight file names, missing files, unknown formats) refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelFile, serializeModelFile } from '../../engine';
import { runCli } from './main';
import { mlpWithWeights } from './test-support';

const root = new URL('../../', import.meta.url).pathname;
const scratch = () => mkdtempSync(join(tmpdir(), 'layerwise-export-'));

describe('layerwise export', () => {
  it('writes our JSON with a sidecar .bin, and import brings the weights back inline', async () => {
    const dir = scratch();
    const source = join(dir, 'mlp.json');
    writeFileSync(source, serializeModelFile(mlpWithWeights()));
    const out = join(dir, 'out.layerwise.json');
    const exported = await runCli([
      'export',
      source,
      '--format',
      'json',
      '--weights',
      'sidecar',
      '--out',
      out,
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'mlp.json',
      expect.stringMatching(/^mnist_mlp\.[0-9a-f]{8}\.weights\.bin$/),
      'out.layerwise.json',
    ]);
    const imported = join(dir, 'back.layerwise.json');
    expect((await runCli(['import', out, '--out', imported])).code).toBe(0);
    expect(readFileSync(imported, 'utf8')).toBe(readFileSync(source, 'utf8'));
  });

  it('writes ONNX and a PyTorch script (with our JSON weights beside it) from a trained model', async () => {
    const dir = scratch();
    const source = join(dir, 'mlp.json');
    writeFileSync(source, serializeModelFile(mlpWithWeights()));
    expect((await runCli(['export', source, '--format', 'onnx', '--out', join(dir, 'm.onnx')])).code).toBe(0);
    expect(readFileSync(join(dir, 'm.onnx')).length).toBeGreaterThan(101_770 * 4);
    const torch = await runCli(['export', source, '--format', 'pytorch', '--out', dir]);
    expect(torch.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'm.onnx',
      'mlp.json',
      'mnist_mlp_pytorch.layerwise.json',
      'mnist_mlp_pytorch.py',
    ]);
  });

  it('writes every format into one folder without one overwriting another', async () => {
    const dir = scratch();
    const source = join(dir, 'mlp.json');
    writeFileSync(source, serializeModelFile(mlpWithWeights()));
    const written: string[] = [];
    for (const format of ['json', 'tfjs', 'onnx', 'pytorch', 'keras']) {
      const result = await runCli(['export', source, '--format', format, '--out', dir]);
      expect(result.code, `${format}: ${result.stderr}`).toBe(0);
      written.push(...result.stdout.trim().split('\n'));
    }
    expect(new Set(written).size).toBe(written.length);
    // The TF.js weights carry a hash of their content.
    const unhashed = readdirSync(dir).map((n) =>
      n.replace(/\.[0-9a-f]{8}\.weights\.bin$/, '.<hash>.weights.bin'),
    );
    expect(unhashed.sort()).toEqual([
      'mlp.json',
      'mnist_mlp.layerwise.json',
      'mnist_mlp.onnx',
      'mnist_mlp.tfjs.<hash>.weights.bin',
      'mnist_mlp.tfjs.json',
      'mnist_mlp_keras.layerwise.json',
      'mnist_mlp_keras.py',
      'mnist_mlp_pytorch.layerwise.json',
      'mnist_mlp_pytorch.py',
    ]);
    // Each script names the weights file that is beside it.
    for (const framework of ['pytorch', 'keras'])
      expect(readFileSync(join(dir, `mnist_mlp_${framework}.py`), 'utf8')).toContain(
        `--weights mnist_mlp_${framework}.layerwise.json --predict`,
      );
  });

  it('round-trips TF.js Layers: export, then import gives the same layers and the same weights', async () => {
    const dir = scratch();
    const source = join(dir, 'mlp.json');
    const model = mlpWithWeights();
    writeFileSync(source, serializeModelFile(model));
    expect(
      (await runCli(['export', source, '--format', 'tfjs', '--out', join(dir, 'model.json')])).code,
    ).toBe(0);
    const back = join(dir, 'back.layerwise.json');
    const imported = await runCli(['import', join(dir, 'model.json'), '--out', back]);
    expect(imported.stderr).toBe('');
    const parsed = parseModelFile(readFileSync(back, 'utf8'));
    if (!parsed.ok) throw new Error('import wrote an invalid file');
    expect(parsed.model.graph.nodes.map((n) => n.type)).toEqual(model.graph.nodes.map((n) => n.type));
    expect(parsed.model.weights?.tensors).toEqual(model.weights?.tensors);
  });

  it('refuses ONNX for a model that was never trained, and writes nothing', async () => {
    const dir = scratch();
    const out = join(dir, 'm.onnx');
    const result = await runCli([
      'export',
      join(root, 'assets/templates/mnist-cnn.json'),
      '--format',
      'onnx',
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no weights: train/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['--format', 'caffe'], /unknown format 'caffe': use json/],
    [[], /--format is required/],
    [['--format', 'json', '--weights', 'half'], /--weights must be inline\|sidecar\|none/],
  ])('refuses %j and writes nothing', async (flags, message) => {
    const dir = scratch();
    const out = join(dir, 'x.json');
    const result = await runCli([
      'export',
      join(root, 'assets/templates/mnist-mlp.json'),
      ...flags,
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('layerwise import', () => {
  const manifest = (path: string) =>
    JSON.stringify({
      format: 'layers-model',
      modelTopology: { model_config: { class_name: 'Sequential', config: { layers: [] } } },
      weightsManifest: [{ paths: [path], weights: [] }],
    });

  it.each([
    ['../outside.bin', /must be a plain file name/],
    ['/etc/passwd', /must be a plain file name/],
    ['sub/dir.bin', /must be a plain file name/],
    ['..', /must be a plain file name/],
    ['missing.bin', /weight file 'missing.bin' is missing/],
  ])('refuses the weight file %j and writes nothing', async (path, message) => {
    const dir = scratch();
    const source = join(dir, 'model.json');
    writeFileSync(source, manifest(path));
    const out = join(dir, 'out.layerwise.json');
    const result = await runCli(['import', source, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('says where a JSON syntax error is, and what a file that is no model is', async () => {
    const dir = scratch();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "format": \n}');
    expect((await runCli(['import', broken, '--out', join(dir, 'o.json')])).stderr).toMatch(
      /line 3, column 1/,
    );
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello": 1}');
    expect((await runCli(['import', other, '--out', join(dir, 'o.json')])).stderr).toMatch(
      /not a model Layerwise can import/,
    );
    expect(readdirSync(dir).sort()).toEqual(['broken.json', 'other.json']);
  });
});
