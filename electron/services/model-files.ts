// Reads model files from disk for the CLI and the app: every failure is a user-facing Issue. A model
// whose weights live in a sidecar .bin (`export --weights sidecar`) comes with that file's bytes, read
// only when it is a regular file of exactly the size the model's tensors describe.
import { readFile } from 'node:fs/promises';
import {
  issue,
  parseModelFile,
  type Issue,
  type ModelFile,
  type ModelFileResult,
  type ModelWeights,
} from '../../engine';
import { readBeside } from './format-files';

export async function readModelFile(path: string): Promise<ModelFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot read it (${code ?? 'unknown error'})`;
    return { ok: false, issues: [issue('E_FORMAT', reason)] };
  }
  return parseModelFile(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
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
