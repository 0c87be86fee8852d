// Canvas frame rate with a 300-node graph, opened through the Open file input: frames per second and
// long tasks while panning the canvas and while dragging a node, ~3 s each, then long tasks during a
// training run (batch events ~20/s). Prints one JSON object. Run: npx tsx e2e/bench/canvas-fps.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AppPage } from '../support/app-page';
import { launchBrowser, openPage } from '../support/browser';
import { measure, longTasksDuringTraining } from '../support/perf';
import { poll } from '../support/poll';
import { serveApp } from '../support/serve-app';
import { writeChainModel } from './chain-model';

const NODES = Number(process.env.NODES ?? 300);
const SECONDS = Number(process.env.SECONDS ?? 3);

/** Moves the mouse in a circle around (cx, cy) for `seconds`, button held. */
async function circleDrag(
  page: Page,
  cx: number,
  cy: number,
  radius: number,
  seconds: number,
): Promise<number> {
  let moves = 0;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const start = Date.now();
  while (Date.now() - start < seconds * 1000) {
    const t = (Date.now() - start) / 400;
    await page.mouse.move(cx + radius * Math.sin(t), cy + radius * (1 - Math.cos(t)));
    moves++;
  }
  await page.mouse.up();
  return moves;
}

/** A point on the bare pane (no node or edge on top of it), searched on a grid. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate<{ x: number; y: number } | null>(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (let fy = 0.05; fy < 1; fy += 0.05)
      for (let fx = 0.02; fx < 1; fx += 0.02) {
        const x = pane.left + pane.width * fx, y = pane.top + pane.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) return { x, y };
      }
    return null;
  })()`);
  if (point === null) throw new Error('no bare spot on the canvas pane to pan from');
  return point;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-bench-'));
  const file = join(dir, `chain-${NODES}.json`);
  writeChainModel(file, NODES);
  const served = await serveApp();
  const browser = await launchBrowser();
  try {
    const opened = await openPage(browser, { timeoutMs: 30_000 });
    const app = await new AppPage(opened.page, served.url).open();
    await app.waitForConnected();
    const loadStart = Date.now();
    await app.openModelFile(file);
    await poll(
      async () => (await app.documentTitle().textContent()) ?? '',
      (title) => title.includes(`chain_${NODES}`),
      `the document title to show chain_${NODES} after Open`,
      { timeoutMs: 60_000 },
    );
    await app.click(app.button('Fit view'), 'toolbar button "Fit view"');
    // The canvas renders only the nodes in view: after Fit view that is all of them.
    const rendered = await poll(
      () => app.nodeCount(),
      (n) => n === NODES,
      `${NODES} rendered nodes after Fit view`,
      {
        timeoutMs: 60_000,
      },
    ).catch(() => app.nodeCount());
    const loadMs = Date.now() - loadStart;
    const report: Record<string, unknown> = {
      nodes: NODES,
      renderedAfterFitView: rendered,
      openToRenderedMs: loadMs,
    };
    const idle = await measure(opened.page, () => opened.page.waitForTimeout(1000));
    report.idle = { ...idle.frames, longTasks: idle.longTasks };
    const section = async (name: string, run: () => Promise<unknown>) => {
      try {
        report[name] = await run();
      } catch (error) {
        report[name] = { error: (error as Error).message };
      }
    };
    await section('panning', async () => {
      const pan = await emptyPanePoint(opened.page);
      const m = await measure(opened.page, () => circleDrag(opened.page, pan.x, pan.y, 150, SECONDS));
      return { ...m.frames, mouseMoves: m.result, longTasks: m.longTasks };
    });
    await section('nodeDrag', async () => {
      const title = app.node(`dense_${Math.floor(NODES / 2)}`).getByTestId('node-title');
      const box = await app.box(title, 'a middle node title');
      const m = await measure(opened.page, () =>
        circleDrag(opened.page, box.x + box.width / 2, box.y + box.height / 2, 120, SECONDS),
      );
      return { ...m.frames, mouseMoves: m.result, longTasks: m.longTasks };
    });
    // Training: the MLP on full MNIST, measured while batch events stream (~20/s).
    await section('training', async () => {
      await app.newModel('MNIST MLP');
      await app.setTraining({ epochs: 5, limit: 60000 });
      await app.train();
      await app.waitForChartPoints('chart-batch-loss', 1);
      const stats = await longTasksDuringTraining(app, served, SECONDS);
      await app.button('Stop').click();
      return stats;
    });
    report.pageErrors = opened.errors;
    console.log(JSON.stringify(report, null, 2));
    await opened.close();
  } finally {
    await browser.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
