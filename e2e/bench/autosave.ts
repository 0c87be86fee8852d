// Autosave cost: a CNN document with three trained runs (curves, results and each run's weights) is
// changed, and the page's long tasks are recorded while the autosave writes the change; five times.
// Prints one JSON object. Run: npx tsx e2e/bench/autosave.ts
import { AppPage } from '../support/app-page';
import { autosavedDocument, waitForAutosave } from '../support/autosave';
import { launchBrowser, openPage } from '../support/browser';
import { startLongTasks, stopLongTasks } from '../support/perf';
import { poll } from '../support/poll';
import { serveApp } from '../support/serve-app';

const RUNS = 3;
const WRITES = 5;

async function main(): Promise<void> {
  const served = await serveApp({ log: () => undefined });
  const browser = await launchBrowser();
  const opened = await openPage(browser);
  const app = new AppPage(opened.page, served.url);
  const page = opened.page;
  try {
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST CNN');
    await app.setTraining({ epochs: 1, limit: 1000 });
    for (let run = 1; run <= RUNS; run++) {
      await app.train();
      await poll(
        () => autosavedDocument(page),
        (text) => (text.match(/"state": "completed"/g) ?? []).length >= run,
        `run ${run} to complete and be autosaved`,
        { timeoutMs: 120_000 },
      );
    }
    const writes: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const name = `bench_${i}`;
      await startLongTasks(page);
      await app.fill(page.getByLabel('Model name', { exact: true }), name, 'the Model name field');
      // Not polled (reading the record is page work too): the autosave writes within its 2 s interval.
      await page.waitForTimeout(2500);
      writes.push((await stopLongTasks(page)).maxMs);
      await waitForAutosave(page, (text) => text.includes(`"name": "${name}"`), name);
    }
    const text = await autosavedDocument(page);
    console.log(
      JSON.stringify({
        runs: RUNS,
        documentKiB: Math.round(text.length / 1024),
        longestTaskMsPerWrite: writes,
      }),
    );
  } finally {
    await opened.close();
    await browser.close();
    await served.close();
  }
}

await main();
