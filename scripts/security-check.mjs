// `npm test` step: electronegativity over the built app (out/: main, preload and the renderer's HTML).
// Every HIGH or MEDIUM finding must have a written reason in security-reviewed.json, else this fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const reviewed = JSON.parse(readFileSync(new URL('./security-reviewed.json', import.meta.url), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const csv = join(dir, 'findings.csv');
const run = spawnSync(
  'npx',
  ['electronegativity', '-i', 'out', '-r', '-v', 'false', '-e', electronVersion, '-o', csv],
  { encoding: 'utf8' },
);
let rows;
try {
  rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
} catch {
  console.error(`electronegativity produced no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const findings = rows.map((row) => {
  const [check, severity, confidence, file, location] = row.split(',').map((cell) => cell.replace(/"/g, ''));
  return { check, severity, confidence, file, location };
});
let unexplained = 0;
for (const f of findings) {
  const reason = reviewed[f.check];
  const serious = f.severity === 'HIGH' || f.severity === 'MEDIUM';
  if (serious && reason === undefined) unexplained++;
  console.log(
    `${serious && reason === undefined ? 'UNEXPLAINED' : 'reviewed   '} ${f.severity} ${f.check} ${f.file}:${f.location}` +
      (reason ? `\n    ${reason}` : ''),
  );
}
console.log(`electronegativity: ${findings.length} findings, ${unexplained} HIGH/MEDIUM without a reason`);
process.exit(unexplained === 0 ? 0 : 1);
