// Where the CLI's --out files go: the target is checked before any work (a folder, a device, a missing or
// read-only folder are user errors naming the path and the reason), writes go through the atomic-write
// helper, and a trained model that still cannot be written is saved to a fallback file the message names.
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ExportedFile } from '../../engine/formats/types';
import { describeWriteError, whyNotWritable, writeAllOrNothing } from '../services/atomic-write';
import { writeExport } from '../services/format-files';
import { UserError } from './user-error';

/** Throws a UserError when `path` cannot take a new file. */
export async function checkOut(path: string): Promise<void> {
  const why = await whyNotWritable(path);
  if (why !== undefined) throw new UserError([`--out ${path}: ${why}`]);
}

/** Runs a write, turning file-system failures into a UserError that names the file and the reason. */
export async function explainWriteErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const path = (error as { path?: string }).path;
    if ((error as NodeJS.ErrnoException).code === undefined || path === undefined) throw error;
    throw new UserError([`--out ${path}: cannot be written: ${describeWriteError(error)}`]);
  }
}

/** export/import --out: a file, or an existing folder to write the files into; returns the paths. */
export async function writeOut(out: string, files: readonly ExportedFile[]): Promise<string[]> {
  const isFolder = await stat(out).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) await checkOut(out);
  return explainWriteErrors(() => writeExport(out, files));
}

/** "runs/mnist.json" at 08:30:05 → "mnist.recovered-20261202-083005.layerwise.json". */
export function recoveredName(out: string, at = new Date()): string {
  const stem = basename(out).replace(/(\.layerwise)?\.json$/i, '') || 'model';
  const time = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stem}.recovered-${time}.layerwise.json`;
}

/**
 * Writes the trained model to `out`; if that fails, to the OS temp folder, then the current folder, so a
 * finished run is never lost. Throws a UserError naming where it went (or that every place failed).
 */
export async function saveTrained(out: string, text: string): Promise<void> {
  try {
    await writeAllOrNothing([{ path: out, data: text }]);
    return;
  } catch (error) {
    const reason = describeWriteError(error);
    const name = recoveredName(out);
    for (const folder of [tmpdir(), process.cwd()]) {
      const fallback = join(folder, name);
      try {
        await writeAllOrNothing([{ path: fallback, data: text }]);
      } catch {
        continue;
      }
      throw new UserError([
        `--out ${out}: cannot be written: ${reason}; the trained model was saved to ${fallback} instead`,
      ]);
    }
    throw new UserError([
      `--out ${out}: cannot be written: ${reason}; the temp folder and the current folder refused a copy too, so the trained model is lost`,
    ]);
  }
}
