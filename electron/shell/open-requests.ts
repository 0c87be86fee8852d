// Model files the OS asks the app to open: command-line arguments (a double-click on Linux and Windows
// starts the app with the file's path, or hands it to the running instance) and macOS's open-file
// event. They wait in a queue until the page is listening, then go to it one by one.
import { isAbsolute, resolve } from 'node:path';

/**
 * The documents named on a command line. Skips the executable (and, in development, the app path),
 * Chromium/Electron switches and macOS's -psn_ argument; relative paths are taken from `cwd`.
 */
export function documentPathsFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string[] {
  return argv
    .slice(isPackaged ? 1 : 2)
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.json'))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}

/** Holds opens until the page is ready; `notReady` again while it reloads. */
export class OpenQueue {
  #pending: string[] = [];
  #deliver: ((path: string) => void) | null = null;

  open(path: string): void {
    if (this.#deliver) this.#deliver(path);
    else this.#pending.push(path);
  }

  ready(deliver: (path: string) => void): void {
    this.#deliver = deliver;
    const pending = this.#pending;
    this.#pending = [];
    for (const path of pending) deliver(path);
  }

  notReady(): void {
    this.#deliver = null;
  }
}
