// `npm test`: type-check, lint, build and every test suite, then one closing line `N passed, N failed`
// summing all of them (each non-test step counts as one check). Runs every step even after a failure,
// so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const VITEST_JSON = '.vitest-results.json';

const steps = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'], quiet: true },
  {
    name: 'native kernels (C++)',
    command: ['bash', 'worker-native/test/run.sh'],
    capture: true,
    counts: (output) => {
      const match = /(\d+) passed, (\d+) failed\s*$/.exec(output);
      if (!match) throw new Error('no summary line');
      return { passed: Number(match[1]), failed: Number(match[2]) };
    },
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
    counts: () => {
      const report = JSON.parse(readFileSync(VITEST_JSON, 'utf8'));
      return { passed: report.numPassedTests, failed: report.numFailedTests };
    },
  },
];

let passed = 0;
let failed = 0;
const lines = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n── ${step.name} ──`);
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
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
