#!/usr/bin/env node
// Entry point of the `layerwise` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
const { processIO } = await import('../electron/cli/io.ts');
const { code } = await runCli(process.argv.slice(2), processIO());
// A closed stdout (`| head -1`) already chose the exit code.
const exit = process.exitCode === 141 ? 141 : code;
process.exitCode = exit;
// The command is done: a worker abandoned mid-evaluation (Ctrl-C) must not keep the process alive.
setTimeout(() => process.exit(exit), 100).unref();
