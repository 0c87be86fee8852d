// The atomic-write helper: flushed before the rename, no temporary file left after a failure, a signal or
// a kill -9 (removed on the next write), and a model with its weights consistent as a set even when a
// crash comes between the renames.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileGraph, parseModelFile, type ModelFile } from '../../engine';
import { exportModel } from '../../engine/formats';
import { importTfjs } from '../../engine/formats/tfjs';
import { encodeWeights } from '../../engine/formats/weights';
import { pendingTemporaries, temporaryName, writeAllOrNothing, writeHooks } from './atomic-write';
import { readBeside, writeExport } from './format-files';

const root = new URL('../../', import.meta.url).pathname;
const scratch = () => mkdtempSync(join(tmpdir(), 'layerwise-atomic-'));
const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

afterEach(() => {
  delete writeHooks.afterRename;
  delete writeHooks.onSync;
});

/** The MLP template with weights that depend on `seed`. */
function mlp(seed: number): ModelFile {
  const parsed = parseModelFile(readFileSync(join(root, 'assets/templates/mnist-mlp.json'), 'utf8'));
  if (!parsed.ok) throw new Error('template');
  const compiled = compileGraph(parsed.model.graph);
  if (!compiled.ok) throw new Error('compile');
  const values = new Map(
    compiled.plan.nodes.flatMap((n) =>
      n.weights.map((w) => [w.name, Float32Array.from({ length: w.size }, (_, i) => Math.sin(i * seed))]),
    ),
  );
  return { ...parsed.model, weights: encodeWeights(compiled.plan, values) };
}

/** The first weight tensor (base64) of the TF.js model in `dir`, read the way an importer reads it. */
async function tfjsFirstWeights(dir: string, modelName: string): Promise<string | undefined> {
  const modelPath = join(dir, modelName);
  const json = JSON.parse(readFileSync(modelPath, 'utf8'));
  const binName = json.weightsManifest[0].paths[0] as string;
  const read = await readBeside(modelPath, binName, 'weight file');
  if (!read.ok) throw new Error(read.issues[0]?.message);
  const imported = importTfjs(json, { [binName]: read.bytes });
  if (!imported.ok) throw new Error(imported.issues[0]?.message);
  return imported.value.weights?.tensors[0]?.data;
}

describe('writeAllOrNothing', () => {
  it('flushes every file under its temporary name before renaming it, and leaves no temporary file', async () => {
    const dir = scratch();
    const synced: string[] = [];
    writeHooks.onSync = (path) => {
      synced.push(path);
      expect(existsSync(path)).toBe(true);
    };
    const files = [
      { path: join(dir, 'a.json'), data: '{"a":1}' },
      { path: join(dir, 'a.bin'), data: new Uint8Array([1, 2, 3]) },
    ];
    await writeAllOrNothing(files);
    expect(synced).toEqual(files.map((f) => temporaryName(f.path)));
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}');
    expect([...readFileSync(join(dir, 'a.bin'))]).toEqual([1, 2, 3]);
    expect(temporaries(dir)).toEqual([]);
    expect(pendingTemporaries()).toEqual([]);
  });

  it('on a failure removes every temporary file, writes nothing new and names the file it was writing', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'model.json'), 'old');
    const error = await writeAllOrNothing([
      { path: join(dir, 'model.json'), data: 'new'.repeat(100_000) },
      { path: join(dir, 'missing', 'w.bin'), data: 'x' },
    ]).catch((e: unknown) => e as NodeJS.ErrnoException & { path: string });
    expect(error?.code).toBe('ENOENT');
    expect(error?.path).toBe(join(dir, 'missing', 'w.bin'));
    expect(readdirSync(dir)).toEqual(['model.json']);
    expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe('old');
  });

  it('removes a temporary file that a killed process left beside the same target', async () => {
    const dir = scratch();
    const target = join(dir, 'model.json');
    // A pid that surely has ended: a process that already exited.
    const dead = spawnSync('true').pid as number;
    writeFileSync(temporaryName(target, dead), 'x'.repeat(1000));
    writeFileSync(join(dir, `other.json.${dead}.tmp`), 'not ours');
    await writeAllOrNothing([{ path: target, data: 'new' }]);
    expect(readdirSync(dir).sort()).toEqual(['model.json', `other.json.${dead}.tmp`]);
  });

  it('a kill -9 mid-write leaves a temporary file that the next write of the target removes', async () => {
    const dir = scratch();
    const target = join(dir, 'model.json');
    await childStopsMidWrite(target, 'SIGKILL');
    expect(temporaries(dir)).toHaveLength(1);
    await writeAllOrNothing([{ path: target, data: 'after' }]);
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('a %s mid-write removes the temporary file', async (signal) => {
    const dir = scratch();
    const target = join(dir, 'model.json');
    const ended = await childStopsMidWrite(target, signal);
    expect(ended.signal).toBe(signal);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** Runs a write in a child process that pauses after flushing, then sends it `signal`. */
function childStopsMidWrite(target: string, signal: NodeJS.Signals) {
  const script = `
    const { writeAllOrNothing, writeHooks } = await import(${JSON.stringify(join(root, 'electron/services/atomic-write.ts'))});
    writeHooks.onSync = () => { process.stdout.write('synced\\n'); setInterval(() => {}, 1000); return new Promise(() => {}); };
    await writeAllOrNothing([{ path: ${JSON.stringify(target)}, data: 'x'.repeat(1 << 20) }]);`;
  const child = spawn('node', ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('the child never reached the write')), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('synced')) child.kill(signal);
    });
    child.on('exit', (code, sig) => {
      clearTimeout(limit);
      resolve({ code, signal: sig });
    });
  });
}

describe('a model and its weights as a set', () => {
  it('a crash between the renames leaves the old model with its own old weights', async () => {
    const dir = scratch();
    const exportTfjs = (seed: number) => {
      const result = exportModel('tfjs', mlp(seed));
      if (!result.ok) throw new Error('export');
      return result.value;
    };
    const old = exportTfjs(1);
    await writeExport(dir, old);
    const before = await tfjsFirstWeights(dir, 'mnist_mlp.tfjs.json');
    expect(before).toBeDefined();

    const fresh = exportTfjs(2);
    expect(fresh[1]?.name).not.toBe(old[1]?.name);
    writeHooks.afterRename = () => {
      throw Object.assign(new Error('simulated crash'), { code: 'ECRASH' });
    };
    await expect(writeExport(dir, fresh)).rejects.toThrow('simulated crash');
    // The weights were renamed into place, the model was not: the old model still reads its old weights.
    expect(await tfjsFirstWeights(dir, 'mnist_mlp.tfjs.json')).toEqual(before);
    expect(temporaries(dir)).toEqual([]);

    delete writeHooks.afterRename;
    await writeExport(dir, fresh);
    const after = await tfjsFirstWeights(dir, 'mnist_mlp.tfjs.json');
    expect(after).not.toEqual(before);
    // The weights the replaced model named are gone once the new set is in place: no debris.
    expect(readdirSync(dir).sort()).toEqual([fresh[1]?.name, 'mnist_mlp.tfjs.json']);
  });

  it('keeps weights that the replaced model did not name, and those the new one names again', async () => {
    const dir = scratch();
    const set = exportModel('tfjs', mlp(3));
    if (!set.ok) throw new Error('export');
    writeFileSync(join(dir, 'other.tfjs.0badc0de.weights.bin'), 'someone else');
    await writeExport(dir, set.value);
    await writeExport(dir, set.value);
    expect(readdirSync(dir).sort()).toEqual(
      [set.value[1]?.name, 'mnist_mlp.tfjs.json', 'other.tfjs.0badc0de.weights.bin'].sort(),
    );
  });
});
