// Learning, the end-to-end proof: one full MNIST epoch (batch 32, Adam 1e-3) of each template must reach
// the accuracy Keras users expect. Runs the benchmark's child process, which trains like the app does.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function oneEpoch(template: string): { test_accuracy: number; train_samples_per_s: number } {
  const result = spawnSync(
    'node',
    ['--import', 'tsx', 'worker-native/bench/train-native.ts', template, '32', '2'],
    { cwd: root, encoding: 'utf8', timeout: 170_000 },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
}

describe('one epoch of full MNIST', () => {
  it('the MLP template reaches at least 95% test accuracy', () => {
    expect(oneEpoch('mnist-mlp').test_accuracy).toBeGreaterThanOrEqual(0.95);
  }, 180_000);

  it('the CNN template (the Keras example) reaches at least 98.3% test accuracy', () => {
    expect(oneEpoch('mnist-cnn').test_accuracy).toBeGreaterThanOrEqual(0.983);
  }, 180_000);
});
