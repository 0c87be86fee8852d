// Reads model files from disk for the CLI and the app: every failure is a user-facing Issue. A model
// whose weights live in a sidecar .bin (`export --weights sidecar`) comes with that file's bytes, read
// only when it is a regular file of exactly the size the model's tensors describe.
import { open, type FileHandle } from 'node:fs/promises';
import {
  issue,
  parseModelFile,
  type Issue,
  type ModelFile,
  type ModelFileResult,
  type ModelWeights,
} from '../../engine';
import { readBeside } from './format-files';

/** Largest model file read: about the longest string JavaScript can hold. */
export const MAX_MODEL_FILE_BYTES = 512 * 1024 * 1024;

/**
 * The text of a model file (or any JSON a command reads), without a BOM; only from a regular file
 * within MAX_MODEL_FILE_BYTES, checked on the open handle before reading it.
 */
export async function readModelText(
  path: string,
): Promise<{ ok: true; text: string } | { ok: false; issues: Issue[] }> {
  const refuse = (reason: string) => ({ ok: false as const, issues: [issue('E_FORMAT', reason)] });
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) return refuse('is a folder, not a file');
    if (!stats.isFile()) return refuse('not a regular file (a device, pipe or socket): give a file on disk');
    if (stats.size > MAX_MODEL_FILE_BYTES)
      return refuse(
        `${stats.size} bytes is more than the ${MAX_MODEL_FILE_BYTES} a model file may have: ` +
          'keep its weights in a sidecar file (export --format json --weights sidecar)',
      );
    const text = await handle.readFile('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot read it (${code ?? 'unknown error'})`,
    );
  } finally {
    await handle?.close();
  }
}

export async function readModelFile(path: string): Promise<ModelFileResult> {
  const read = await readModelText(path);
  return read.ok ? parseModelFile(read.text) : read;
}

export type ModelWithSidecar =
  | { readonly ok: true; readonly model: ModelFile; readonly sidecar?: Uint8Array }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** The model file and, when its weights name a sidecar file, that file's bytes. */
export async function readModelWithSidecar(path: string): Promise<ModelWithSidecar> {
  const loaded = await readModelFile(path);
  if (!loaded.ok) return loaded;
  const file = loaded.model.weights?.file;
  if (file === undefined || loaded.model.weights === undefined) return loaded;
  const read = await readBeside(path, file, 'weights file', { exact: sidecarBytes(loaded.model.weights) });
  if (!read.ok) return read;
  return { ok: true, model: loaded.model, sidecar: read.bytes };
}

/** The size a sidecar must have: up to the end of its last tensor, as our export writes it. */
export function sidecarBytes(weights: ModelWeights): number {
  return weights.tensors.reduce(
    (end, t) =>
      t.byteOffset === undefined ? end : Math.max(end, t.byteOffset + 4 * t.shape.reduce((a, b) => a * b, 1)),
    0,
  );
}
