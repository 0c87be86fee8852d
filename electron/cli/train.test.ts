// `layerwise train`, `eval` and `predict` end to end, as child processes: JSON events, the saved file,
// Ctrl-C, and reading the trained file back.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../engine';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'layerwise-train-'));
const cli = (...args: string[]) =>
  spawnSync('node', ['bin/layerwise.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

describe('layerwise train / eval / predict', () => {
  const out = join(scratch, 'trained.json');

  it('trains on a --limit, streams JSON events and saves graph, config, weights and history', () => {
    const result = cli(
      'train',
      'assets/templates/mnist-mlp.json',
      '--limit',
      '1200',
      '--epochs',
      '2',
      '--batch-size',
      '64',
      '--lr',
      '0.002',
      '--seed',
      '5',
      '--json',
      '--out',
      out,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({
      event: 'started',
      epochs: 2,
      train_samples: 1080,
      validation_samples: 120,
      steps_per_epoch: 17,
    });
    expect(events.filter((e) => e.event === 'epoch').map((e) => e.epoch)).toEqual([1, 2]);
    // Per-layer statistics: the first step (sampled every DEFAULT_STATS_EVERY) and each epoch's last.
    const stats = events.filter((e) => e.event === 'layer_stats');
    expect(stats.map((e) => [e.epoch, e.step, e.final_of_epoch])).toEqual([
      [1, 1, false],
      [1, 17, true],
      [2, 17, true],
    ]);
    const dense = stats[0].layers.find((l: { name: string }) => l.name === 'dense');
    expect(dense).toMatchObject({ type: 'Dense', weights: [{ name: 'dense/kernel' }, { name: 'dense/bias' }] });
    expect(dense.output.zero_fraction).toBeGreaterThan(0);
    expect(dense.forward_ms).toBeGreaterThan(0);
    const last = events.at(-1);
    expect(last.event).toBe('completed');
    expect(last.test_accuracy).toBeGreaterThan(0.75);
    expect(last.test_loss).toBeGreaterThan(0);
    expect(last.train_samples_per_second).toBeGreaterThan(1000);
    expect(last.epoch_seconds).toHaveLength(2);

    const saved = parseModelFile(readFileSync(out, 'utf8'));
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.model.training).toMatchObject({
      epochs: 2,
      batch_size: 64,
      limit: 1200,
      seed: 5,
      optimizer: { type: 'adam', learning_rate: 0.002 },
    });
    expect(saved.model.weights?.tensors.map((t) => t.name)).toEqual([
      'dense/kernel',
      'dense/bias',
      'dense_1/kernel',
      'dense_1/bias',
    ]);
    expect(saved.model.history?.map((h) => h.epoch)).toEqual([1, 2]);

    const evaluated = cli('eval', out, '--json');
    expect(evaluated.status).toBe(0);
    const report = JSON.parse(evaluated.stdout);
    expect(report.test_accuracy).toBeCloseTo(last.test_accuracy, 6);
    expect(report.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(10000);

    const predicted = cli('predict', out, '--dataset', 'mnist', '--split', 'test', '--limit', '3', '--json');
    const lines = predicted.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.index, l.label])).toEqual([
      [0, 7],
      [1, 2],
      [2, 1],
    ]);
    expect(lines[0].probabilities).toHaveLength(10);
    expect(lines[0].predicted).toBe(lines[0].probabilities.indexOf(Math.max(...lines[0].probabilities)));
  }, 60_000); // a child process training for real: slow when the other test files load the CPU

  it('stops cleanly on Ctrl-C and still writes a whole file', async () => {
    const stopped = join(scratch, 'stopped.json');
    const child = spawn(
      'node',
      [
        'bin/layerwise.mjs',
        'train',
        'assets/templates/mnist-cnn.json',
        '--epochs',
        '5',
        '--json',
        '--out',
        stopped,
      ],
      { cwd: root },
    );
    let output = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"event":"batch"')) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(output).toContain('"state":"stopped"');
    expect(parseModelFile(readFileSync(stopped, 'utf8')).ok).toBe(true);
  });

  it.each([
    [
      ['train', 'assets/templates/mnist-mlp.json', '--epochs', 'lots'],
      /--epochs must be a number, got 'lots'/,
    ],
    [
      ['train', 'assets/templates/mnist-mlp.json', '--optimizer', 'lbfgs'],
      /--optimizer must be sgd, adam, adamw or rmsprop/,
    ],
    [['train', 'assets/templates/mnist-mlp.json', '--dataset', '/nowhere'], /unknown dataset '\/nowhere'/],
    [['eval', 'assets/templates/mnist-mlp.json'], /has no weights: train it first/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const result = cli(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
