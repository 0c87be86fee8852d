// Ctrl-C while the training worker is stuck in one long call (a huge model being allocated or
// evaluated): the session is stopped after the grace, `train --out` says nothing was saved and exits
// 130 instead of waiting for the call or failing with a stack.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferedIO } from './io';
import { runCli } from './main';

const busyWorker = new URL('../services/training/test-fixtures/busy-worker.mjs', import.meta.url).pathname;
afterEach(() => {
  delete process.env.LAYERWISE_TRAINING_WORKER;
});

describe('layerwise train, stopped while the worker is busy', () => {
  it('exits 130 and names the --out file it did not write', async () => {
    process.env.LAYERWISE_TRAINING_WORKER = busyWorker;
    const out = join(mkdtempSync(join(tmpdir(), 'layerwise-stop-')), 'trained.json');
    const io = bufferedIO();
    const running = runCli(['train', 'assets/templates/mnist-mlp.json', '--limit', '100', '--out', out], io);
    // Ctrl-C until the command ends: the first one may come before the session has started.
    const pressing = setInterval(() => io.interrupt(), 200);
    const result = await running.finally(() => clearInterval(pressing));
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(
      `assets/templates/mnist-mlp.json: stopped while the model was busy; nothing was written to ${out}`,
    );
    expect(result.stdout).toBe('stopped');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
