// Disk side of export and import: reads a model file with its weights sidecar, reads the weight files a
// TF.js model.json names (plain file names beside it only: no folders, no "..", no absolute paths), and
// writes a set of exported files all or nothing (through the atomic-write helper).
import { readFile, stat } from 'node:fs/promises';
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

/** Reads `name` from the folder of `besideFile`, refusing anything but a plain file name. */
export async function readBeside(besideFile: string, name: string, what: string): Promise<FileRead> {
  // TF.js writes its own weight paths as "./name".
  const plain = name.startsWith('./') ? name.slice(2) : name;
  if (!isPlainFileName(plain))
    return {
      ok: false,
      issues: [
        issue('E_FORMAT', `${what} '${name}' must be a plain file name beside the model (no folders)`),
      ],
    };
  const path = join(dirname(besideFile), plain);
  try {
    return { ok: true, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? 'unknown error'})`;
    return {
      ok: false,
      issues: [issue('E_FORMAT', `${what} '${name}' ${reason} (looked in ${dirname(path)})`)],
    };
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

export { writeAllOrNothing } from './atomic-write';
