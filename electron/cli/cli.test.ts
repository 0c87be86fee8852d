// The CLI as users run it: the real `layerwise` command in a child process, and runCli for the details.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

const root = new URL('../../', import.meta.url).pathname;
const templatePath = (name: string) => join(root, 'assets/templates', `${name}.json`);
const scratch = mkdtempSync(join(tmpdir(), 'layerwise-cli-'));

function writeModel(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('layerwise CLI (child process)', () => {
  it('prints the Keras-style summary of the MNIST CNN template', () => {
    const out = execFileSync(
      'npm',
      ['run', '--silent', 'layerwise', '--', 'summary', templatePath('mnist-cnn')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out).toContain('Model: "mnist_cnn"');
    expect(out).toMatch(/conv2d \(Conv2D\)\s+\(None, 26, 26, 32\)\s+320/);
    expect(out).toMatch(/dense_1 \(Dense\)\s+\(None, 10\)\s+650/);
    expect(out).toContain('Total params: 93,322 (364.54 KB)');
    expect(out).toContain('Trainable params: 93,322');
    expect(out).toContain('Non-trainable params: 0');
  });

  it('exits 2 with one line per problem and no stack trace for a broken file', () => {
    const file = writeModel(
      'broken.json',
      JSON.stringify({
        format: 'layerwise-model',
        version: 1,
        name: 'broken',
        graph: {
          nodes: [
            { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] } },
            { id: 'flat', type: 'Flatten' },
            { id: 'conv', type: 'Conv2D', params: { filters: 0 } },
            { id: 'pool', type: 'MaxPooling2D' },
          ],
          edges: [
            { source: 'in', target: 'flat' },
            { source: 'flat', target: 'pool' },
            { source: 'pool', target: 'conv' },
          ],
        },
      }),
    );
    const result = spawnSync('node', ['bin/layerwise.mjs', 'summary', file], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: conv: conv2d's filters must be a whole number from 1 to 65536`,
      `${file}: pool: max_pooling2d needs a (height, width, channels) input, got flatten (784,): move it before the Flatten, or add a Reshape to (height, width, channels)`,
    ]);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('runCli', () => {
  it('gives the summary as JSON with batch-first output shapes', async () => {
    const result = await runCli(['summary', templatePath('mnist-cnn'), '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.layers.map((l: { output_shape: unknown }) => l.output_shape)).toEqual([
      [null, 28, 28, 1],
      [null, 26, 26, 32],
      [null, 13, 13, 32],
      [null, 11, 11, 64],
      [null, 5, 5, 64],
      [null, 3, 3, 64],
      [null, 576],
      [null, 64],
      [null, 10],
    ]);
    expect(summary.layers[1]).toMatchObject({ id: 'conv1', type: 'Conv2D', params: 320 });
    expect([summary.total_params, summary.trainable_params, summary.non_trainable_params]).toEqual([
      93_322, 93_322, 0,
    ]);
  });

  it('counts BatchNormalization statistics as non-trainable', async () => {
    const file = writeModel(
      'bn.json',
      JSON.stringify({
        format: 'layerwise-model',
        version: 1,
        name: 'bn',
        graph: {
          nodes: [
            { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] } },
            { id: 'conv', type: 'Conv2D', params: { filters: 32 } },
            { id: 'bn', type: 'BatchNormalization' },
          ],
          edges: [
            { source: 'in', target: 'conv' },
            { source: 'conv', target: 'bn' },
          ],
        },
      }),
    );
    const summary = JSON.parse((await runCli(['summary', file, '--json'])).stdout);
    expect([summary.total_params, summary.trainable_params, summary.non_trainable_params]).toEqual([
      448, 384, 64,
    ]);
    const table = (await runCli(['summary', file])).stdout;
    expect(table).toContain('Non-trainable params: 64 (256.00 B)');
  });

  it('shows a Connected to column for a graph that is not a chain', async () => {
    const file = writeModel(
      'residual.json',
      JSON.stringify({
        format: 'layerwise-model',
        version: 1,
        name: 'residual',
        graph: {
          nodes: [
            { id: 'in', type: 'InputLayer', params: { shape: [8] } },
            { id: 'a', type: 'Dense', params: { units: 8 } },
            { id: 'add', type: 'Add' },
          ],
          edges: [
            { source: 'in', target: 'a' },
            { source: 'in', target: 'add' },
            { source: 'a', target: 'add' },
          ],
        },
      }),
    );
    const table = (await runCli(['summary', file])).stdout;
    expect(table).toContain('Connected to');
    expect(table).toMatch(/add \(Add\)\s+\(None, 8\)\s+0\s+input_layer, dense/);
  });

  it.each([
    [['summary', '/no/such/model.json'], '/no/such/model.json: no such file'],
    [['summary'], 'layerwise summary: expected one model file, e.g. layerwise summary model.json'],
    [['train'], 'layerwise train: expected one model file'],
    [['frobnicate'], "layerwise: unknown command 'frobnicate'"],
    [['summary', 'x.json', '--colour'], "layerwise: Unknown option '--colour'"],
  ])('exits 2 for %j', async (argv, firstLine) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(firstLine);
  });

  it('reports a JSON syntax error with its line and column', async () => {
    const file = writeModel('syntax.json', '{\n  "format": "layerwise-model",\n  "version": 1,,\n}');
    const result = await runCli(['summary', file]);
    expect(result).toMatchObject({
      code: 2,
      stderr: `${file}: invalid JSON at line 3, column 16: expected a property name in double quotes`,
    });
  });

  it('prints usage for --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('summary <model.json> [--json]');
  });
});
