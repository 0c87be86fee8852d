// Where CLI commands write, so the same code prints to a terminal or into a test's buffers.
export interface CliIO {
  /** One line (or a partial redraw when `inPlace`) to stdout. */
  out(text: string, inPlace?: boolean): void;
  err(text: string): void;
  /** stdout is a terminal: progress is drawn in place. */
  readonly interactive: boolean;
  /** Registers a Ctrl-C handler; returns its remover. */
  onInterrupt(handler: () => void): () => void;
}

export function processIO(): CliIO {
  let partial = false;
  return {
    out(text, inPlace = false) {
      if (inPlace) {
        process.stdout.write(`\r\x1b[2K${text}`);
        partial = true;
        return;
      }
      process.stdout.write(`${partial ? '\r\x1b[2K' : ''}${text}\n`);
      partial = false;
    },
    err: (text) => process.stderr.write(`${partial ? '\n' : ''}${text}\n`),
    interactive: process.stdout.isTTY === true,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
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
