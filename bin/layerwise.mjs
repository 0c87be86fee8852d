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
// The command is done: nothing it left running (a worker being disposed) may hold the process.
setTimeout(() => process.exit(exit), 50).unref();
