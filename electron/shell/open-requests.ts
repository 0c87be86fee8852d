// Model files the OS asks the app to open: command-line arguments (a double-click on Linux and Windows
// starts the app with the file's path, or hands it to the running instance) and macOS's open-file
// event. They wait in a queue until the page is listening, then go to it one by one.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The documents named on a command line. Skips the executable (and, in development, the app path),
 * Chromium/Electron switches and macOS's -psn_ argument; relative paths are taken from `cwd`, and
 * file:// URLs become paths.
 */
export function documentPathsFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string[] {
  return argv
    .slice(isPackaged ? 1 : 2)
    .filter((arg) => !arg.startsWith('-'))
    .map((arg) => localPath(arg, cwd))
    .filter((path): path is string => path !== null && path.toLowerCase().endsWith('.json'));
}

/** A path, or a file:// URL (Linux desktop files pass `%U`: URLs), as an absolute path. */
function localPath(arg: string, cwd: string): string | null {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null; // http:, smb: and the like: not a file the app can read
    }
  }
  return isAbsolute(arg) ? arg : resolve(cwd, arg);
}

/** Holds opens until the page is ready; `notReady` again while it reloads. */
export class OpenQueue {
  private pending: string[] = [];
  private deliver: ((path: string) => void) | null = null;

  open(path: string): void {
    if (this.deliver) this.deliver(path);
    else this.pending.push(path);
  }

  ready(deliver: (path: string) => void): void {
    this.deliver = deliver;
    const pending = this.pending;
    this.pending = [];
    for (const path of pending) deliver(path);
  }

  notReady(): void {
    this.deliver = null;
  }
}
