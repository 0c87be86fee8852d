// Models whose weights live in a sidecar .bin (`export --format json --weights sidecar`) work with
// `predict` and `eval` as the inline model does, and every weight file is read only when it is a regular
// file of the size its model describes: no /dev/zero behind a symlink, no shard named hundreds of times.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeModelFile } from '../../engine';
import { runCli } from './main';
import { mlpWithWeights } from './test-support';

/** An inline model and its sidecar export, side by side in a fresh folder. */
async function exported(): Promise<{ dir: string; inline: string; sidecar: string; bin: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-sidecar-'));
  const inline = join(dir, 'inline.json');
  writeFileSync(inline, serializeModelFile(mlpWithWeights(0.1)));
  const sidecar = join(dir, 'm.layerwise.json');
  const result = await runCli([
    'export',
    inline,
    '--format',
    'json',
    '--weights',
    'sidecar',
    '--out',
    sidecar,
  ]);
  expect(result.code).toBe(0);
  // The sidecar's name carries a content hash: read it from the model file that names it.
  const named = (JSON.parse(readFileSync(sidecar, 'utf8')) as { weights: { file: string } }).weights.file;
  return { dir, inline, sidecar, bin: join(dir, named) };
}

const predict = (file: string) =>
  runCli(['predict', file, '--dataset', 'mnist', '--split', 'test', '--limit', '5', '--json']);

describe('sidecar-weight models', () => {
  it('predict and eval give the same answers as the inline model', async () => {
    const { inline, sidecar } = await exported();
    const [a, b] = [await predict(inline), await predict(sidecar)];
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout.trim().split('\n')).toHaveLength(5);
    expect(b.stdout).toBe(a.stdout);
    const [ea, eb] = [await runCli(['eval', inline, '--json']), await runCli(['eval', sidecar, '--json'])];
    expect(eb.code).toBe(0);
    expect(JSON.parse(eb.stdout)).toEqual(JSON.parse(ea.stdout));
  });

  it.each([
    [
      'a symlink to /dev/zero',
      (bin: string) => (rmSync(bin), symlinkSync('/dev/zero', bin)),
      /is not a regular file/,
    ],
    [
      'a file 4 bytes short',
      (bin: string) => truncateSync(bin, readFileSync(bin).length - 4),
      /weights? file 'mnist_mlp\.[0-9a-f]{8}\.weights\.bin' holds 407076 bytes, the model describes 407080/,
    ],
  ])('refuses %s in place of the sidecar, for predict, eval and export', async (_, spoil, message) => {
    const { dir, sidecar, bin } = await exported();
    spoil(bin);
    for (const args of [
      ['predict', sidecar, '--dataset', 'mnist', '--limit', '1'],
      ['eval', sidecar],
      ['export', sidecar, '--format', 'onnx', '--out', join(dir, 'm.onnx')],
      ['import', sidecar, '--out', join(dir, 'back.json')],
    ]) {
      const result = await runCli(args);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr, args[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('TF.js weight shards', () => {
  it('refuses a manifest naming one shard hundreds of times, before reading any', async () => {
    const { dir, inline } = await exported();
    const modelJson = join(dir, 'model.json');
    expect((await runCli(['export', inline, '--format', 'tfjs', '--out', modelJson])).code).toBe(0);
    const json = JSON.parse(readFileSync(modelJson, 'utf8'));
    const [group] = json.weightsManifest;
    group.paths = Array.from({ length: 500 }, () => group.paths[0]);
    writeFileSync(modelJson, JSON.stringify(json));
    const result = await runCli(['import', modelJson, '--out', join(dir, 'back.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/weight file '[\w.-]+' is named more than once in the manifest/);
  });

  it('refuses a shard bigger than its manifest describes without reading it', async () => {
    const { dir, inline } = await exported();
    const modelJson = join(dir, 'model.json');
    expect((await runCli(['export', inline, '--format', 'tfjs', '--out', modelJson])).code).toBe(0);
    const json = JSON.parse(readFileSync(modelJson, 'utf8'));
    const shard = join(dir, json.weightsManifest[0].paths[0]);
    rmSync(shard);
    symlinkSync('/dev/zero', shard);
    const result = await runCli(['import', modelJson, '--out', join(dir, 'back.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a regular file/);
  });

  it('reads a group split into shards, and refuses shards that together hold more than the group', async () => {
    const { dir, inline } = await exported();
    const modelJson = join(dir, 'model.json');
    expect((await runCli(['export', inline, '--format', 'tfjs', '--out', modelJson])).code).toBe(0);
    const json = JSON.parse(readFileSync(modelJson, 'utf8'));
    const bytes = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
    const half = bytes.length / 2;
    writeFileSync(join(dir, 'a.bin'), bytes.subarray(0, half));
    writeFileSync(join(dir, 'b.bin'), bytes.subarray(half));
    json.weightsManifest[0].paths = ['a.bin', 'b.bin'];
    writeFileSync(modelJson, JSON.stringify(json));
    const back = join(dir, 'back.json');
    const good = await runCli(['import', modelJson, '--out', back]);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    // Each shard alone is within the group's size; the second is refused for what the first already held.
    writeFileSync(join(dir, 'b.bin'), bytes.subarray(0, half + 8));
    const result = await runCli(['import', modelJson, '--out', join(dir, 'back2.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `weight file 'b.bin' holds ${half + 8} bytes, more than the ${bytes.length - half} its model`,
      ),
    );
  });
});
