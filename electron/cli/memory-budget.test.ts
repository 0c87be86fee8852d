// `layerwise train --memory-budget`: the flag's sizes, and the refusal of a model too big to train, as
// child processes under a 2 GiB data limit (a model that started allocating would die, not exit 2).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryBudgetMb } from './run-options';
import { UserError } from './user-error';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'layerwise-budget-'));
const capped = (...args: string[]) =>
  spawnSync('prlimit', [`--data=${2 * 2 ** 30}`, 'node', 'bin/layerwise.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

const dense = (id: string, units: number, activation?: string) => ({
  id,
  type: 'Dense',
  params: { units, ...(activation ? { activation } : {}) },
});
const huge = join(scratch, 'huge.json');
writeFileSync(
  huge,
  JSON.stringify({
    format: 'layerwise-model',
    version: 2,
    name: 'huge',
    graph: {
      nodes: [
        { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] } },
        { id: 'flat', type: 'Flatten' },
        dense('wide', 65536),
        dense('wider', 65536),
        dense('out', 10, 'softmax'),
      ],
      edges: [
        { source: 'in', target: 'flat' },
        { source: 'flat', target: 'wide' },
        { source: 'wide', target: 'wider' },
        { source: 'wider', target: 'out' },
      ],
    },
  }),
);

describe('memoryBudgetMb', () => {
  it.each([
    ['4GiB', 4096],
    ['512 MiB', 512],
    ['1.5gib', 1536],
    ['2097152', 2],
    ['1GB', 1e9 / 2 ** 20],
  ])('reads %s as %d MiB', (text, mb) => {
    expect(memoryBudgetMb(text)).toBe(mb);
  });

  it.each(['4x', '', '-1GiB', '1KiB', 'GiB', '20TiB', '1e9'])('refuses %j', (text) => {
    expect(() => memoryBudgetMb(text)).toThrow(UserError);
    expect(() => memoryBudgetMb(text)).toThrow(
      `layerwise train: --memory-budget must be a size from 1MiB to 16TiB such as 4GiB, 512MiB or a number of bytes, got '${text}'`,
    );
  });
});

describe('layerwise train with a memory budget', () => {
  it('refuses a 65,536x65,536 Dense model before allocating it: exit 2 and the estimate', () => {
    const result = capped('train', huge);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^${huge.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: training needs about 81.3 GiB \\(dense_1: 80 GiB of weights, gradients and optimizer state and 128 MiB of activations\\); the memory budget is [\\d.]+ GiB \\(60% of this machine's [\\d.]+ GiB\\): make dense_1 smaller or raise the budget with --memory-budget\\n$`,
      ),
    );
  });

  it('takes --memory-budget, naming it in the refusal', () => {
    const result = capped('train', 'assets/templates/mnist-mlp.json', '--memory-budget', '16MiB');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /training needs about 35 MiB \(dense: .*\); the memory budget is 16 MiB \(set by --memory-budget\): make dense smaller or raise the budget\n$/,
    );
  });

  it('exits 2 on a budget it cannot read', () => {
    const result = capped('train', 'assets/templates/mnist-mlp.json', '--memory-budget', 'lots');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--memory-budget must be a size from 1MiB to 16TiB');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
