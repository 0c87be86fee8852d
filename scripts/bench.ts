// `npm run bench`: the benchmarks, printed and written into docs/benchmarks.md with the command that
// made them and the machine they ran on.
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { benchAnalyze } from '../engine/bench/analyze.bench';

const rows = benchAnalyze();
console.table(rows);

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
const table = [
  '| case | median (ms) | p95 (ms) |',
  '| --- | ---: | ---: |',
  ...rows.map((r) => `| ${r.case} | ${r.median_ms} | ${r.p95_ms} |`),
].join('\n');
const section = `<!-- bench:engine -->\n## Shape inference (engine)\n\nTarget: 300 nodes in under 5 ms.\nCommand: \`npm run bench\` · ${machine} · ${new Date().toISOString().slice(0, 10)}\n\n${table}\n<!-- /bench:engine -->`;

const docs = new URL('../docs/benchmarks.md', import.meta.url);
let text: string;
try {
  text = readFileSync(docs, 'utf8');
} catch {
  text =
    '# Benchmarks\n\nFigures written by `npm run bench`; each section names the command and machine that made it.\n';
}
const pattern = /<!-- bench:engine -->[\s\S]*<!-- \/bench:engine -->/;
writeFileSync(
  docs,
  pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`,
);
