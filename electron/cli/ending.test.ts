// How `layerwise train` ends when the user does not wait: Ctrl-C during the final test evaluation or
// right after the last epoch exits 130, and a closed stdout (`| head -1`) ends it quietly.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `layerwise train`, calling `onLine` with each stdout line; resolves when the process ends. */
function train(args: string[], onLine: (line: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn('node', ['bin/layerwise.mjs', 'train', ...args, '--epochs', '1', '--json'], {
    cwd: root,
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line, child);
  });
  child.stdout.on('error', () => undefined);
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<Ended>((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('train never ended')), 120_000);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Exit status as a shell reports it: 128 + the signal number for a process a signal ended. */
const shellStatus = (ended: Ended) => ended.code ?? (ended.signal === 'SIGINT' ? 130 : -1);

describe('layerwise train ends the way the user expects', () => {
  it('Ctrl-C during the final test evaluation stops it (no test result) and exits 130', async () => {
    // A CNN's evaluation of the 10,000 test images takes far longer than the stop grace.
    const ended = await train(['assets/templates/mnist-cnn.json', '--limit', '600'], (line, child) => {
      if (line.includes('"event":"epoch"')) child.kill('SIGINT');
    });
    expect(shellStatus(ended)).toBe(130);
    // Whether the evaluation still finished inside the stop grace depends on the machine's load; either
    // way the run ends as stopped by the user, quietly.
    expect(ended.stdout).toMatch(/"state":"stopped"|"event":"completed"/);
    expect(ended.stderr).toBe('');
  });

  it('Ctrl-C after the last epoch exits 130 even when the evaluation then completes', async () => {
    const ended = await train(['assets/templates/mnist-mlp.json', '--limit', '600'], (line, child) => {
      if (line.includes('"event":"epoch"')) child.kill('SIGINT');
    });
    expect(shellStatus(ended)).toBe(130);
    expect(ended.stderr).toBe('');
  });

  it('a closed stdout (| head -1) ends it quietly, as SIGPIPE would (141)', async () => {
    const ended = await train(['assets/templates/mnist-mlp.json', '--limit', '3000'], (line, child) => {
      if (line.includes('"event":"started"')) child.stdout?.destroy();
    });
    expect(ended.code).toBe(141);
    expect(ended.stderr).toBe('');
  });
});
