// Disk side of export and import: reads a model file with its weights sidecar, reads the weight files a
// TF.js model.json names (plain file names beside it only: no folders, no "..", no absolute paths), and
// writes a set of exported files all or nothing (through the atomic-write helper). A model file that is
// replaced gives up the content-hashed weights file it named, which is removed once the new set is in.
import { open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { issue, type Issue } from '../../engine';
import type { ExportedFile } from '../../engine/formats/types';
import { writeAllOrNothing } from './atomic-write';

const PLAIN_NAME = /^[\w.-]{1,200}$/;

/** Whether `name` is a plain file name that stays in the folder it is resolved against. */
export function isPlainFileName(name: string): boolean {
  return PLAIN_NAME.test(name) && name !== '.' && name !== '..';
}

export type FileRead = { ok: true; bytes: Uint8Array } | { ok: false; issues: Issue[] };

/**
 * What a weight file may hold, known from the model before it is read: `exact` bytes (our sidecar, a
 * single TF.js shard) or at most `max` (one shard of several).
 */
export interface ExpectedSize {
  readonly exact?: number;
  readonly max?: number;
}

/**
 * Reads `name` from the folder of `besideFile`, refusing anything but a plain file name, anything but a
 * regular file (a symlink to /dev/zero, a FIFO) and a size other than expected, all checked on the open
 * handle before a byte is read.
 */
export async function readBeside(
  besideFile: string,
  name: string,
  what: string,
  expected: ExpectedSize = {},
): Promise<FileRead> {
  // TF.js writes its own weight paths as "./name".
  const plain = name.startsWith('./') ? name.slice(2) : name;
  const refuse = (message: string): FileRead => ({ ok: false, issues: [issue('E_FORMAT', message)] });
  if (!isPlainFileName(plain))
    return refuse(`${what} '${name}' must be a plain file name beside the model (no folders)`);
  const path = join(dirname(besideFile), plain);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (!stats.isFile())
      return refuse(`${what} '${name}' is not a regular file (looked in ${dirname(path)})`);
    const { exact, max } = expected;
    if (exact !== undefined && stats.size !== exact)
      return refuse(`${what} '${name}' holds ${stats.size} bytes, the model describes ${exact}`);
    if (max !== undefined && stats.size > max)
      return refuse(`${what} '${name}' holds ${stats.size} bytes, more than the ${max} its model describes`);
    return { ok: true, bytes: new Uint8Array(await handle.readFile()) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? 'unknown error'})`;
    return refuse(`${what} '${name}' ${reason} (looked in ${dirname(path)})`);
  } finally {
    await handle?.close();
  }
}

/** Writes the files: the first to `out` (or into `out` when it is a folder), the others beside it. */
export async function writeExport(out: string, files: readonly ExportedFile[]): Promise<string[]> {
  const isFolder = await stat(out).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const folder = isFolder ? out : dirname(out);
  const targets = files.map((file, i) => (i === 0 && !isFolder ? out : join(folder, basename(file.name))));
  await writeModelSet(files.map((file, i) => ({ path: targets[i] as string, data: file.data })));
  return targets;
}

/** The weight files a model names: TF.js manifest paths, or our sidecar. */
function namedWeightFiles(json: unknown): unknown[] {
  const value = json as { weightsManifest?: unknown; weights?: { file?: unknown } } | null;
  if (Array.isArray(value?.weightsManifest))
    return value.weightsManifest.flatMap((group: { paths?: unknown }) =>
      Array.isArray(group?.paths) ? group.paths : [],
    );
  return value?.weights?.file !== undefined ? [value.weights.file] : [];
}

/** Our exports' weight names: `<name>.<8 hex>.weights.bin` (see withContentHash). */
const HASHED_WEIGHTS = /\.[0-9a-f]{8}\.weights\.bin$/;
/** Model files larger than this are not read for the weights they name (inline weights, not ours). */
const NAMES_READ_LIMIT = 64 * 2 ** 20;

/** The content-hashed weight files (full paths) that the model file at `path` names, if it exists. */
async function hashedWeightsNamedBy(path: string): Promise<string[]> {
  try {
    if ((await stat(path)).size > NAMES_READ_LIMIT) return [];
    const names = namedWeightFiles(JSON.parse(await readFile(path, 'utf8')));
    return names
      .map((n) => (typeof n === 'string' && n.startsWith('./') ? n.slice(2) : n))
      .filter((n): n is string => typeof n === 'string' && isPlainFileName(n) && HASHED_WEIGHTS.test(n))
      .map((n) => join(dirname(path), n));
  } catch {
    return [];
  }
}

/**
 * Writes a model file (first) with the files it names (after it), all or nothing; then removes the
 * content-hashed weights that the replaced model file named and the new one no longer does.
 */
export async function writeModelSet(
  files: readonly { readonly path: string; readonly data: string | Uint8Array }[],
): Promise<void> {
  const first = files[0];
  const replaced = first === undefined ? [] : await hashedWeightsNamedBy(first.path);
  await writeAllOrNothing(files);
  const kept = new Set(files.map((f) => f.path));
  await Promise.all(replaced.filter((p) => !kept.has(p)).map((p) => rm(p, { force: true })));
}

export { writeAllOrNothing } from './atomic-write';
