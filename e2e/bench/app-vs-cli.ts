// Training speed from the app against the CLI, for `npm run bench -- app`: the same seed-CNN epoch
// (MNIST, batch 32, default threads) once from `layerwise train --json` and once from the UI in serve
// mode with the charts streaming; each reports the core's own samples/s (the completed event's
// train_samples_per_second). The page's main-thread time while training (Chrome's Performance metrics)
// says what the page takes from the cores. Prints one JSON object. Run: npx tsx e2e/bench/app-vs-cli.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TrainingEvent } from '../../engine/api/events';
import { AppPage } from '../support/app-page';
import { launchBrowser, openPage } from '../support/browser';
import { poll } from '../support/poll';
import { serveApp } from '../support/serve-app';

const LIMIT = Number(process.env.LIMIT ?? 60000);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const completedSpeed = (events: readonly TrainingEvent[]): number => {
  const done = events.find((e) => e.type === 'completed');
  if (done?.type !== 'completed') throw new Error('the run did not complete');
  return done.train_samples_per_second;
};

async function fromApp() {
  const served = await serveApp();
  const browser = await launchBrowser();
  try {
    const opened = await openPage(browser, { timeoutMs: 30_000 });
    const app = await new AppPage(opened.page, served.url).open();
    await app.waitForConnected();
    await app.newModel('MNIST CNN');
    await app.setTraining({ epochs: 1, limit: LIMIT, batchSize: 32 });
    const cdp = await opened.page.context().newCDPSession(opened.page);
    await cdp.send('Performance.enable');
    type Metrics = { metrics: { name: string; value: number }[] };
    const metrics = async () =>
      Object.fromEntries(
        ((await cdp.send('Performance.getMetrics')) as Metrics).metrics.map((m) => [m.name, m.value]),
      );
    const before = await metrics();
    await app.train();
    const session = await poll(
      async () => served.training.list().at(-1)?.snapshot(),
      (s) => s?.state === 'completed' || s?.state === 'failed',
      'the app run to end',
      { timeoutMs: 600_000 },
    );
    const after = await metrics();
    const spent = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    await opened.close();
    return {
      samplesPerSecond: completedSpeed(session?.events ?? []),
      // The page's main thread while training: its share of one core, and how it splits.
      pageBusy: spent('TaskDuration') / spent('Timestamp'),
      pageScriptSeconds: spent('ScriptDuration'),
      pageLayouts: spent('LayoutCount'),
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

function fromCli(): number {
  const args = ['bin/layerwise.mjs', 'train', 'assets/templates/mnist-cnn.json'];
  args.push('--epochs', '1', '--limit', String(LIMIT), '--batch-size', '32', '--json');
  const result = spawnSync('node', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`layerwise train failed: ${result.stderr}`);
  // The CLI names an event's kind `event` (the API: `type`).
  const done = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { event?: string; train_samples_per_second?: number })
    .find((e) => e.event === 'completed');
  if (done?.train_samples_per_second === undefined) throw new Error('the CLI run did not complete');
  return done.train_samples_per_second;
}

const cli = fromCli();
const app = await fromApp();
console.log(
  JSON.stringify({
    limit: LIMIT,
    cliSamplesPerSecond: cli,
    appSamplesPerSecond: app.samplesPerSecond,
    ...app,
  }),
);
