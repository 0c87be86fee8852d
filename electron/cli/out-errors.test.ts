// Every `--out` problem as a child process: a user error (exit 2, no stack) that names the path and the
// reason, found before training starts; a write that fails after training saves a recovered copy.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../engine';

const root = new URL('../../', import.meta.url).pathname;
const scratch = () => mkdtempSync(join(tmpdir(), 'layerwise-out-'));
const TRAIN = ['train', 'assets/templates/mnist-mlp.json', '--limit', '600', '--epochs', '1', '--json'];
const cli = (...args: string[]) =>
  spawnSync('node', ['bin/layerwise.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

function expectUserError(result: ReturnType<typeof cli>, message: RegExp) {
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  // Found before training: not one event was printed.
  expect(result.stdout).toBe('');
}

describe('layerwise train --out: refused before training', () => {
  const dir = scratch();

  it.each([
    ['a missing folder', join(dir, 'nowhere', 'x.json'), /the folder .*nowhere does not exist/],
    ['an existing folder', dir, /is a folder: name a file inside it/],
    ['a file as the folder', join(root, 'package.json', 'x.json'), /package\.json is not a folder/],
    [
      '/proc (a special file system)',
      '/proc/trained.json',
      /cannot be written in \/proc: .*special file system/,
    ],
  ])('%s', (_what, out, reason) => {
    const result = cli(...TRAIN, '--out', out);
    expectUserError(result, new RegExp(`--out ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(result.stderr).toMatch(reason);
  });

  it.skipIf(!existsSync('/dev/full'))('/dev/full (a device)', () => {
    expectUserError(cli(...TRAIN, '--out', '/dev/full'), /--out \/dev\/full: is not a regular file/);
  });

  // Root writes into read-only folders, so only another user sees this refusal.
  it.skipIf(process.getuid?.() === 0)('a read-only folder', () => {
    const locked = join(scratch(), 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    expectUserError(cli(...TRAIN, '--out', join(locked, 'x.json')), /locked: permission denied/);
    chmodSync(locked, 0o755);
  });

  it.each([
    ['export', ['--format', 'onnx']],
    ['import', []],
  ])('%s names the path and the reason too', (command, options) => {
    const model = join(scratch(), 'm.json');
    expect(cli(...TRAIN, '--out', model).status).toBe(0);
    for (const [out, reason] of [
      [join(dir, 'nowhere', 'x.out'), /the folder .*nowhere does not exist/],
      ['/proc/x.out', /special file system/],
    ] as const) {
      const result = cli(command, model, ...options, '--out', out);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`--out ${out}`);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('layerwise train --out: a write that fails after training', () => {
  it('saves the trained model to a recovered file, names it, exits 2 and leaves no temporary file', async () => {
    const dir = scratch();
    const folder = join(dir, 'runs');
    const temp = join(dir, 'tmp');
    mkdirSync(folder);
    mkdirSync(temp);
    const out = join(folder, 'mnist.json');
    const child = spawn('node', ['bin/layerwise.mjs', ...TRAIN, '--out', out], {
      cwd: root,
      env: { ...process.env, TMPDIR: temp },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The folder vanishes while training runs: the check passed, the write cannot.
    child.stdout.once('data', () => rmSync(folder, { recursive: true }));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    const recovered = readdirSync(temp).filter((n) =>
      /^mnist\.recovered-\d{8}-\d{6}\.layerwise\.json$/.test(n),
    );
    expect(recovered).toHaveLength(1);
    const path = join(temp, recovered[0] as string);
    expect(stderr).toContain(`--out ${out}: cannot be written: the folder does not exist`);
    expect(stderr).toContain(`saved to ${path} instead`);
    expect(stderr).not.toMatch(/\n\s+at /);
    const saved = parseModelFile(readFileSync(path, 'utf8'));
    expect(saved.ok && saved.model.weights !== undefined).toBe(true);
    expect(readdirSync(temp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
