// The one way main-side code writes files (CLI --out, exports, desktop Save and Export): every file goes
// to `<target>.<pid>.tmp`, is flushed to disk, and only then renamed over the target, so a reader sees
// the old file or the new one, never half of one. Temporary files are removed on every error path, when
// the process ends (including on SIGINT/SIGTERM while a write is under way), and stale ones a killed
// process (kill -9) left beside the same target are removed the next time it is written.
import { rmSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FileToWrite {
  readonly path: string;
  readonly data: string | Uint8Array;
}

/** Test seams: `afterRename` runs after each rename (a test throws there to simulate a crash). */
export const writeHooks: {
  afterRename?: (path: string) => void;
  onSync?: (temporaryPath: string) => void | Promise<void>;
} = {};

/** Temporary files being written now, removed synchronously if the process ends first. */
const pending = new Set<string>();

function removePendingNow(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePendingNow();
  stopWatching();
  // Let whoever else listens handle it; with no one left, end the way the signal would have.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function startWatching(): void {
  if (pending.size > 0) return;
  process.on('exit', removePendingNow);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function stopWatching(): void {
  process.off('exit', removePendingNow);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

export const temporaryName = (path: string, pid = process.pid) => `${path}.${pid}.tmp`;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `<target>.<pid>.tmp` files whose process no longer runs (left by a kill -9). */
export async function removeStaleTemporaries(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = name.startsWith(prefix) ? /^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
      if (pid !== undefined && !isAlive(Number(pid))) await rm(join(dirname(path), name), { force: true });
    }),
  );
}

async function writeFlushed(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
    await writeHooks.onSync?.(path);
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (the renames) where the system allows opening a folder (not Windows). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/**
 * Writes every file to a temporary name and flushes it, then renames them into place, the FIRST file
 * last: it is the one that names the others (a model and its weights), so until it is renamed a reader
 * still sees the old set. A failure removes every temporary file and leaves no old file half-overwritten;
 * its error carries `path`, the target it was writing.
 */
export async function writeAllOrNothing(files: readonly FileToWrite[]): Promise<void> {
  const temporary = files.map((f) => temporaryName(f.path));
  let current = '';
  startWatching();
  temporary.forEach((t) => pending.add(t));
  try {
    for (const file of files) await removeStaleTemporaries(file.path);
    for (const [i, file] of files.entries()) {
      current = file.path;
      await writeFlushed(temporary[i] as string, file.data);
    }
    const order = [...files.keys()].slice(1).concat(files.length > 0 ? [0] : []);
    for (const i of order) {
      const file = files[i] as FileToWrite;
      current = file.path;
      await rename(temporary[i] as string, file.path);
      pending.delete(temporary[i] as string);
      writeHooks.afterRename?.(file.path);
    }
    for (const folder of new Set(files.map((f) => dirname(f.path)))) await syncFolder(folder);
  } catch (error) {
    await Promise.all(temporary.map((t) => rm(t, { force: true })));
    throw Object.assign(error as Error, { path: current });
  } finally {
    temporary.forEach((t) => pending.delete(t));
    if (pending.size === 0) stopWatching();
  }
}

/** Why a target cannot be written, or undefined when a test file could be created beside it. */
export async function whyNotWritable(path: string): Promise<string | undefined> {
  const target = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (!(target instanceof Error)) {
    if (target.isDirectory()) return 'is a folder: name a file inside it, e.g. ' + join(path, 'trained.json');
    if (!target.isFile()) return 'is not a regular file (a device or special file)';
  } else if (target.code !== 'ENOENT' && target.code !== 'ENOTDIR')
    return `cannot be used (${target.code ?? target.message})`;
  const folder = dirname(path);
  const parent = await stat(folder).catch(() => undefined);
  if (parent === undefined) return `cannot be written: the folder ${folder} does not exist`;
  if (!parent.isDirectory()) return `cannot be written: ${folder} is not a folder`;
  // Only creating a file tells: permissions, read-only mounts and special file systems all refuse here.
  const probe = temporaryName(path);
  try {
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
    return undefined;
  } catch (error) {
    // The folder exists, so a missing-file answer means the file system itself takes no new files.
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'this file system does not take new files (a special file system)'
        : describeWriteError(error);
    return `cannot be written in ${folder}: ${reason}`;
  }
}

/** A short human reason for a failed write. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (error as Error).message;
  }
}

/** For tests: the temporary files being written now. */
export const pendingTemporaries = (): readonly string[] => [...pending];
