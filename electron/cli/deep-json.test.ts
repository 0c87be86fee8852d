// A model file nested thousands of levels deep gets the parser's placed "nested too deeply" error from
// every command that reads one, with exit 2 and no stack: never "Maximum call stack size exceeded". A
// model "file" that is a device behind a symlink is refused before it is read.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

describe('deeply nested model files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-deep-'));
  const deep = join(dir, 'deep.json');
  const levels = 50_000;
  writeFileSync(
    deep,
    `{"format": "layerwise-model", "version": 2,\n "graph": ${'['.repeat(levels)}${']'.repeat(levels)}}`,
  );

  it.each([
    ['summary', deep],
    ['train', deep, '--epochs', '1'],
    ['eval', deep],
    ['predict', deep, '--dataset', 'mnist', '--limit', '1'],
    ['export', deep, '--format', 'onnx', '--out', join(dir, 'x.onnx')],
    ['import', deep, '--out', join(dir, 'x.json')],
  ])('%s refuses it with the place and the limit', async (...args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /deep\.json: .*invalid JSON at line 2, column 266: nested too deeply \(more than 256 levels\)/,
    );
    expect(result.stderr).not.toMatch(/call stack|\n\s+at /);
  });
});

describe('model files that are not regular files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-device-'));
  const zero = join(dir, 'zero.json');
  symlinkSync('/dev/zero', zero);

  it.each([
    ['summary', zero],
    ['eval', zero],
    ['import', zero, '--out', join(dir, 'x.json')],
  ])('%s refuses a symlink to /dev/zero without reading it', async (...args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/zero\.json: not a regular file \(a device, pipe or socket\)/);
  });
});
