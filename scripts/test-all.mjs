// `npm test`: type-check, lint, build and every test suite, then one closing line `N passed, N failed`
// summing all of them (each non-test step counts as one check). Runs every step even after a failure,
// so one run shows everything that is wrong. The browser e2e step needs Chromium: without it the step
// fails under CI and is reported as skipped (not passed) elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const VITEST_JSON = '.vitest-results.json';
const E2E_JSON = '.vitest-e2e-results.json';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const vitestCounts = (file) => () => {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests };
};

/** Reads a step's own closing `N passed, N failed` line. */
function summaryCounts(output) {
  const match = /(\d+) passed, (\d+) failed\s*$/.exec(output);
  if (!match) throw new Error('no summary line');
  return { passed: Number(match[1]), failed: Number(match[2]) };
}

const steps = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'], quiet: true },
  { name: 'Electron security (electronegativity)', command: ['node', 'scripts/security-check.mjs'] },
  {
    name: 'packaging (electron-builder --linux dir, offline)',
    command: ['node', 'scripts/check-package.mjs'],
    capture: true,
    counts: summaryCounts,
  },
  {
    name: 'native kernels (C++)',
    command: ['bash', 'worker-native/test/run.sh'],
    capture: true,
    counts: summaryCounts,
  },
  {
    name: 'unit tests (vitest)',
    command: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${VITEST_JSON}`,
    ],
    counts: vitestCounts(VITEST_JSON),
  },
  {
    name: 'browser e2e (vitest + Chromium)',
    command: [
      'npx',
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${E2E_JSON}`,
    ],
    unavailable: () =>
      existsSync(CHROMIUM)
        ? null
        : `Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`,
    counts: vitestCounts(E2E_JSON),
  },
];

let passed = 0;
let failed = 0;
const lines = [];
const skipped = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n── ${step.name} ──`);
  const missing = step.unavailable?.() ?? null;
  if (missing !== null) {
    console.log(missing);
    if (process.env.CI) {
      failed += 1;
      lines.push(`FAIL ${step.name}: ${missing} (required under CI)`);
    } else {
      skipped.push(step.name);
      lines.push(`skip ${step.name}: ${missing}`);
    }
    continue;
  }
  const capture = step.quiet || step.capture;
  const result = spawnSync(step.command[0], step.command.slice(1), {
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (step.capture) process.stdout.write(result.stdout ?? '');
  const ok = result.status === 0;
  let counts = { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  if (step.counts) {
    try {
      counts = step.counts(result.stdout ?? '');
      if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed without a failing test
    } catch {
      counts = { passed: 0, failed: 1 };
    }
  }
  passed += counts.passed;
  failed += counts.failed;
  lines.push(
    `${ok ? 'ok  ' : 'FAIL'} ${step.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
rmSync(VITEST_JSON, { force: true });
rmSync(E2E_JSON, { force: true });
console.log(`\n${lines.join('\n')}`);
if (skipped.length > 0) console.log(`skipped, not counted: ${skipped.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
