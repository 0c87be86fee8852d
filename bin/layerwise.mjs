#!/usr/bin/env node
// Entry point of the `layerwise` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
const { processIO } = await import('../electron/cli/io.ts');
const { code } = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
