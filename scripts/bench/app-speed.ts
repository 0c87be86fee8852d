// Training from the app against the CLI for `npm run bench -- app`: builds the renderer, runs
// e2e/bench/app-vs-cli.ts RUNS times (each: one CLI epoch, then the same epoch from the UI in serve mode
// with the charts streaming) and reports the medians and their ratio against the 90% target.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

interface Run {
  readonly limit: number;
  readonly cliSamplesPerSecond: number;
  readonly appSamplesPerSecond: number;
  readonly pageBusy: number;
  readonly pageScriptSeconds: number;
  readonly pageLayouts: number;
}

const RUNS = Number(process.env.RUNS ?? 3);
const TARGET = 0.9;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function runOnce(): Run {
  const result = spawnSync('npx', ['tsx', 'e2e/bench/app-vs-cli.ts'], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (result.status !== 0) throw new Error(`app-vs-cli failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Run;
}

export function benchAppSpeed(): string {
  const load = loadavg()[0] ?? 0;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const runs = Array.from({ length: RUNS }, runOnce);
  const cli = median(runs.map((r) => r.cliSamplesPerSecond));
  const app = median(runs.map((r) => r.appSamplesPerSecond));
  const ratio = app / cli;
  return [
    `The seed CNN, one MNIST epoch (${runs[0]?.limit ?? '?'} samples before the validation split), batch 32, default threads: \`layerwise train --json\` against the same run started from the UI in serve mode (headless Chromium, the charts streaming), each as the core reports it (\`train_samples_per_second\`). \`npx tsx e2e/bench/app-vs-cli.ts\`.`,
    '',
    `**App / CLI, median of ${RUNS} runs: ${(ratio * 100).toFixed(0)}%** (target ≥ ${TARGET * 100}%: ${ratio >= TARGET ? 'met' : 'not met'}). Load average when the bench started: ${load.toFixed(2)} on ${cpus().length} cores.`,
    '',
    '| run | CLI samples/s | app samples/s | app / CLI | page main thread busy | page script (s) | page layouts |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r, i) =>
        `| ${i + 1} | ${r.cliSamplesPerSecond.toFixed(0)} | ${r.appSamplesPerSecond.toFixed(0)} | ${((r.appSamplesPerSecond / r.cliSamplesPerSecond) * 100).toFixed(0)}% | ${(r.pageBusy * 100).toFixed(0)}% | ${r.pageScriptSeconds.toFixed(2)} | ${r.pageLayouts} |`,
    ),
  ].join('\n');
}
