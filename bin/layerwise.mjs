#!/usr/bin/env node
// Entry point of the `layerwise` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
const { processIO, CLOSED_STDOUT_EXIT } = await import('../electron/cli/io.ts');
const { code } = await runCli(process.argv.slice(2), processIO());
// A closed stdout (`| head -1`) already chose the exit code.
const exit = process.exitCode === CLOSED_STDOUT_EXIT ? CLOSED_STDOUT_EXIT : code;
process.exitCode = exit;
// The command is done, yet something keeps the process alive: a training worker abandoned by Ctrl-C in
// the middle of native code, which even process.exit waits for. A Ctrl-C ends the way Ctrl-C does (the
// shell sees 130) at once; anything else exits with its code.
setTimeout(() => {
  if (exit !== 130) process.exit(exit);
  process.removeAllListeners('SIGINT');
  process.kill(process.pid, 'SIGINT');
}, 50).unref();
