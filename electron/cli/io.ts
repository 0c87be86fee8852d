// Where CLI commands write, so the same code prints to a terminal or into a test's buffers.
export interface CliIO {
  /** One line (or a partial redraw when `inPlace`) to stdout. */
  out(text: string, inPlace?: boolean): void;
  err(text: string): void;
  /** stdout is a terminal: progress is drawn in place. */
  readonly interactive: boolean;
  /** Registers a Ctrl-C handler; returns its remover. */
  onInterrupt(handler: () => void): () => void;
  /**
   * Ends the process as Ctrl-C does, just after the command returns: a worker busy in native code
   * (the final test evaluation) would hold even process.exit until it finishes.
   */
  endAsInterrupted?(): void;
}

/** Exit code when the reader of stdout went away (`| head -1`), as if ended by SIGPIPE. */
export const CLOSED_STDOUT_EXIT = 141;

export function processIO(): CliIO {
  let partial = false;
  let closed = false;
  const handlers = new Set<() => void>();
  const interrupt = () => [...handlers].forEach((h) => h());
  // A closed pipe is not an error to report: stop writing, stop the work, and end quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (closed) return;
    closed = true;
    process.exitCode = CLOSED_STDOUT_EXIT;
    if (handlers.size > 0) interrupt();
    else process.exit(CLOSED_STDOUT_EXIT);
  });
  const write = (text: string) => void (closed || process.stdout.write(text));
  return {
    out(text, inPlace = false) {
      if (inPlace) {
        write(`\r\x1b[2K${text}`);
        partial = true;
        return;
      }
      write(`${partial ? '\r\x1b[2K' : ''}${text}\n`);
      partial = false;
    },
    err: (text) => process.stderr.write(`${partial ? '\n' : ''}${text}\n`),
    interactive: process.stdout.isTTY === true,
    endAsInterrupted() {
      setTimeout(() => {
        process.removeAllListeners('SIGINT');
        process.kill(process.pid, 'SIGINT');
      }, 20).unref();
    },
    onInterrupt(handler) {
      if (handlers.size === 0) process.on('SIGINT', interrupt);
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
        if (handlers.size === 0) process.off('SIGINT', interrupt);
      };
    },
  };
}

export interface BufferedIO extends CliIO {
  readonly stdout: string[];
  readonly stderr: string[];
  interrupt(): void;
}

export function bufferedIO(): BufferedIO {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const handlers = new Set<() => void>();
  return {
    stdout,
    stderr,
    out: (text, inPlace = false) => void (inPlace || stdout.push(text)),
    err: (text) => void stderr.push(text),
    interactive: false,
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    interrupt: () => handlers.forEach((h) => h()),
  };
}
