// The page's responsiveness while training for `npm run bench -- responsiveness`: builds the renderer,
// runs e2e/bench/training-responsiveness.ts several times and reports the median of each run's longest
// page task (and how many runs had one over 50 ms), against the 50 ms a task may take before input feels late. Measured here,
// not asserted in `npm test`: one slow task on a shared machine says little, a median over runs does.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

interface Run {
  readonly batchEventsPerSecond: number;
  readonly longestTaskMs: number;
  readonly longestTask: string;
  readonly tasksOver50Ms: number;
  readonly pageErrors: readonly string[];
}

const RUNS = Number(process.env.RUNS ?? 5);
const BUDGET_MS = 50;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
/** Long Animation Frames are only reported over 50 ms: a run without one had no longer task. */
const ms = (value: number) => (value === 0 ? `< ${BUDGET_MS}` : value.toFixed(0));

function runOnce(): Run {
  const result = spawnSync('npx', ['tsx', 'e2e/bench/training-responsiveness.ts'], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (result.status !== 0) throw new Error(`training-responsiveness failed: ${result.stderr}`);
  const run = JSON.parse(result.stdout) as Run;
  if (run.pageErrors.length > 0) throw new Error(`page errors: ${run.pageErrors.join('; ')}`);
  return run;
}

export function benchResponsiveness(): string {
  const load = loadavg()[0] ?? 0;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const runs = Array.from({ length: RUNS }, runOnce);
  const longest = runs.map((r) => r.longestTaskMs);
  const med = median(longest);
  const worst = runs.reduce((a, b) => (b.longestTaskMs > a.longestTaskMs ? b : a));
  const rows = runs.map(
    (r, i) =>
      `| ${i + 1} | ${ms(r.longestTaskMs)} | ${r.longestTask} | ${r.tasksOver50Ms} | ${r.batchEventsPerSecond.toFixed(1)} |`,
  );
  return [
    'The MNIST MLP training (1 compute thread) with the charts on screen; for 4 s of each run, Long',
    "Animation Frame entries give the duration of each of the page's own tasks (a script, or a frame's",
    '`rendering`: its frame callbacks, style and layout). Headless Chromium with software rendering,',
    `sharing the cores with the server and the test driver (\`npx tsx e2e/bench/training-responsiveness.ts\`).`,
    '',
    `**Longest page task, median of ${RUNS} runs: ${ms(med)} ms** (${longest.filter((x) => x > BUDGET_MS).length} of ${RUNS} runs had a task over ${BUDGET_MS} ms; target ≤ ${BUDGET_MS} ms: ${med <= BUDGET_MS ? 'met' : 'not met'}). The longest of all: ${worst.longestTask}. Load average when the bench started: ${load.toFixed(2)} on ${cpus().length} cores.`,
    '',
    '| run | longest task (ms) | which | tasks over 50 ms | batch events/s |',
    '| ---: | ---: | --- | ---: | ---: |',
    ...rows,
  ].join('\n');
}
