// The page's longest task while training, for `npm run bench -- responsiveness`: the MNIST MLP trains
// (one compute thread, batch events ~20/s, the charts on screen) while Long Animation Frame entries
// record, for SECONDS, how long each of the page's own tasks took (React renders of the charts and
// panels, their style and layout). Prints one JSON object. Run: npx tsx e2e/bench/training-responsiveness.ts
import { AppPage } from '../support/app-page';
import { launchBrowser, openPage } from '../support/browser';
import { serveApp } from '../support/serve-app';

const SECONDS = Number(process.env.SECONDS ?? 4);

/** A task of the page's own work inside a long animation frame. */
interface PageTask {
  readonly what: string;
  readonly ms: number;
}

/**
 * Starts recording. Each script of a long frame ran in its own task, except the frame callbacks, which
 * share the rendering task with style and layout. A string: this side type-checks without the DOM.
 */
const OBSERVE_TASKS = `(() => {
  const tasks = (globalThis.__lwTasks = []);
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      const callbacks = frame.scripts.filter((s) => s.invoker === 'FrameRequestCallback');
      const rendering =
        callbacks.reduce((sum, s) => sum + s.duration, 0) +
        (frame.startTime + frame.duration - frame.styleAndLayoutStart);
      tasks.push({ what: 'rendering (' + callbacks.length + ' frame callbacks, style, layout)', ms: rendering });
      for (const s of frame.scripts)
        if (s.invoker !== 'FrameRequestCallback') tasks.push({ what: s.invoker, ms: s.duration });
    }
  }).observe({ type: 'long-animation-frame' });
})()`;

async function main(): Promise<void> {
  const served = await serveApp();
  const browser = await launchBrowser();
  try {
    const opened = await openPage(browser, { timeoutMs: 30_000 });
    const app = await new AppPage(opened.page, served.url).open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 20, threads: 1 });
    await app.train();
    await app.waitForChartPoints('chart-batch-loss', 5);

    let batches = 0;
    const off = served.training.onEvent((_id, event) => void (event.type === 'batch' && batches++));
    await opened.page.evaluate(OBSERVE_TASKS);
    await opened.page.waitForTimeout(SECONDS * 1000);
    off();
    const tasks = await opened.page.evaluate<PageTask[]>('globalThis.__lwTasks');
    await app.click(app.button('Stop'), 'the Stop button');
    const longest = tasks.reduce<PageTask>((a, b) => (b.ms > a.ms ? b : a), { what: 'none', ms: 0 });
    console.log(
      JSON.stringify({
        seconds: SECONDS,
        batchEventsPerSecond: batches / SECONDS,
        longestTaskMs: longest.ms,
        longestTask: longest.what,
        tasksOver50Ms: tasks.filter((t) => t.ms > 50).length,
        pageErrors: opened.errors,
      }),
    );
    await opened.close();
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
