// `npm run bench`: the benchmarks, printed and written into docs/benchmarks.md with the command that
// made them and the machine they ran on.
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { benchAnalyze } from '../engine/bench/analyze.bench';
import { benchAppSpeed } from './bench/app-speed';
import { benchCanvas } from './bench/canvas';
import { benchInspection } from './bench/inspection';
import { benchWorkbench } from './bench/workbench';
import { benchResponsiveness } from './bench/responsiveness';
import { benchRuntime, benchTraining } from './bench/training';

const only = process.argv[2]; // `npm run bench -- engine` (or training, runtime, inspection, canvas, responsiveness, workbench, app) runs one part

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
const stamp = `Command: \`npm run bench\` · ${machine} · ${new Date().toISOString().slice(0, 10)}`;
const docs = new URL('../docs/benchmarks.md', import.meta.url);

/** Replaces (or appends) the section between <!-- bench:NAME --> markers. */
function writeSection(name: string, title: string, body: string): void {
  let text: string;
  try {
    text = readFileSync(docs, 'utf8');
  } catch {
    text =
      '# Benchmarks\n\nFigures written by `npm run bench`; each section names the command and machine that made it.\n';
  }
  const section = `<!-- bench:${name} -->\n## ${title}\n\n${stamp}\n\n${body}\n<!-- /bench:${name} -->`;
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*<!-- /bench:${name} -->`);
  writeFileSync(
    docs,
    pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`,
  );
}

if (only === undefined || only === 'engine') {
  const rows = benchAnalyze();
  console.table(rows);
  const table = [
    '| case | median (ms) | p95 (ms) |',
    '| --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.case} | ${r.median_ms} | ${r.p95_ms} |`),
  ].join('\n');
  writeSection('engine', 'Shape inference (engine)', `Target: 300 nodes in under 5 ms.\n\n${table}`);
}

if (only === undefined || only === 'training') {
  const body = benchTraining();
  console.log(body);
  writeSection('training', 'Training and inference (native core vs PyTorch and TensorFlow.js)', body);
}

if (only === undefined || only === 'runtime') {
  const body = benchRuntime();
  console.log(body);
  writeSection('runtime', 'Training runtime overhead (sessions, events)', body);
}

if (only === undefined || only === 'inspection') {
  const body = benchInspection();
  console.log(body);
  writeSection('inspection', 'Looking inside: statistics overhead and activation latency', body);
}

if (only === undefined || only === 'canvas') {
  const body = benchCanvas();
  console.log(body);
  writeSection('canvas', 'Editor canvas (300 nodes, headless Chromium)', body);
}

if (only === undefined || only === 'responsiveness') {
  const body = benchResponsiveness();
  console.log(body);
  writeSection('responsiveness', 'Page responsiveness while training (headless Chromium)', body);
}

if (only === undefined || only === 'workbench') {
  const body = benchWorkbench();
  console.log(body);
  writeSection('workbench', 'Workbench: building the seed CNN, autosave (headless Chromium)', body);
}

if (only === undefined || only === 'app') {
  const body = benchAppSpeed();
  console.log(body);
  writeSection('app', 'Training from the app against the CLI (serve mode, headless Chromium)', body);
}
