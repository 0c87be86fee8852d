// Disk side of export and import: reads a model file with its weights sidecar, reads the weight files a
// TF.js model.json names (plain file names beside it only: no folders, no "..", no absolute paths), and
// writes a set of exported files all or nothing (each to a temporary name first, then renamed).
import { open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { issue, type Issue } from '../../engine';
import type { ExportedFile } from '../../engine/formats/types';

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
  await writeAllOrNothing(files.map((file, i) => ({ path: targets[i] as string, data: file.data })));
  return targets;
}

/**
 * Writes every file to a temporary name, then renames them all into place: a failure leaves nothing
 * new behind and no old file half-overwritten. A failure's error `path` is the file it was writing.
 */
export async function writeAllOrNothing(
  files: readonly { readonly path: string; readonly data: string | Uint8Array }[],
): Promise<void> {
  const temporary = files.map((f) => `${f.path}.${process.pid}.tmp`);
  let current = '';
  try {
    for (const [i, file] of files.entries()) {
      current = file.path;
      await writeFile(temporary[i] as string, file.data);
    }
    for (const [i, file] of files.entries()) {
      current = file.path;
      await rename(temporary[i] as string, file.path);
    }
  } catch (error) {
    await Promise.all(temporary.map((t) => rm(t, { force: true })));
    throw Object.assign(error as Error, { path: current });
  }
}
