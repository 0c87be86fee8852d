// `layerwise train --adjust ...` (issue 17): scripted changes print as adjusted events with --json, are
// saved in the trained file's training section, and training that file again replays them to the same
// weights (one thread). Mistakes in the flag are named before anything trains.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../engine';
import { runCli } from './main';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'layerwise-adjust-'));
const cli = (...args: string[]) =>
  spawnSync('node', ['bin/layerwise.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const common = ['--limit', '600', '--epochs', '2', '--batch-size', '50', '--threads', '1', '--json'];

describe('layerwise train --adjust', () => {
  it('prints the adjusted events, saves the script, and replays it from the saved file', () => {
    const first = join(scratch, 'first.json');
    const again = join(scratch, 'again.json');
    const run = cli(
      'train',
      'assets/templates/mnist-mlp.json',
      ...common,
      '--adjust',
      'epoch=1,step=4,lr=0.0003,optimizer=sgd',
      '--adjust',
      'epoch=2,batch=90',
      '--out',
      first,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const adjusted = events(run.stdout).filter((e) => e.event === 'adjusted');
    expect(adjusted).toEqual([
      {
        event: 'adjusted',
        epoch: 1,
        step: 4,
        global_step: 4,
        changes: [
          { setting: 'learning_rate', from: 0.001, to: 0.0003 },
          { setting: 'optimizer', from: 'adam', to: 'sgd' },
        ],
        optimizer_reset: true,
        label: 'lr 0.001 → 0.0003, optimizer adam → sgd (state reset)',
      },
      {
        event: 'adjusted',
        epoch: 2,
        step: 0,
        global_step: 11,
        changes: [{ setting: 'batch_size', from: 50, to: 90 }],
        optimizer_reset: false,
        label: 'batch 50 → 90 (from epoch 2)',
        // 540 training samples: 11 batches of 50, then 6 of 90.
        batches: { from_epoch: 2, steps_per_epoch: 6, total_steps: 17 },
      },
    ]);
    const saved = parseModelFile(readFileSync(first, 'utf8'));
    expect(saved.ok && saved.model.training?.adjustments).toEqual([
      { epoch: 1, step: 4, changes: { learning_rate: 0.0003, optimizer: 'sgd' } },
      { epoch: 2, step: 0, changes: { batch_size: 90 } },
    ]);

    const replay = cli('train', first, ...common, '--out', again);
    expect(replay.status).toBe(0);
    expect(events(replay.stdout).filter((e) => e.event === 'adjusted')).toEqual(adjusted);
    const weightsOf = (file: string) => {
      const parsed = parseModelFile(readFileSync(file, 'utf8'));
      return parsed.ok ? parsed.model.weights : undefined;
    };
    expect(weightsOf(again)).toEqual(weightsOf(first));
  }, 240_000);

  it.each([
    ['lr=0.1', "--adjust 'lr=0.1': epoch=N is required (the epoch the change applies in)"],
    ['epoch=1,speed=2', "--adjust 'epoch=1,speed=2': unknown key 'speed'"],
    ['epoch=1,lr=fast', "--adjust 'epoch=1,lr=fast': lr must be a number, got 'fast'"],
    ['epoch=1,step=3', "--adjust 'epoch=1,step=3': nothing to change"],
    ['epoch=1,lr=-1', 'adjustments.0.changes.learning_rate: learning_rate must be greater than 0'],
    [
      'epoch=1,optimizer=adagrad',
      "adjustments.0.changes.optimizer: optimizer must be one of 'sgd', 'adam', 'adamw', 'rmsprop'",
    ],
  ])('--adjust %s is refused with a clear error', async (flag, message) => {
    const result = await runCli(['train', 'assets/templates/mnist-mlp.json', '--adjust', flag]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('without --json prints each adjustment as a line where it applies', async () => {
    const result = await runCli([
      'train',
      'assets/templates/mnist-mlp.json',
      ...common.filter((arg) => arg !== '--json'),
      '--adjust',
      'epoch=1,step=3,lr=0.0003',
      '--adjust',
      'epoch=2,patience=2',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('epoch 1, after batch 3: lr 0.001 → 0.0003');
    expect(lines).toContain('epoch 2, at its start: early stopping off → patience 2');
  }, 120_000);

  it('fails the run naming a dropout layer the model does not have', () => {
    const result = cli(
      'train',
      'assets/templates/mnist-mlp.json',
      ...common,
      '--adjust',
      'epoch=1,dropout:dense=0.2',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "adjustments[0].changes.dropout.dense: the model has no layer 'dense' with a dropout rate",
    );
  }, 120_000);
});
