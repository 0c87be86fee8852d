// The workbench layout measured in the browser: the canvas owns most of the window while designing,
// nothing overlaps at 1024×700, panel sizes survive a reload, the collapsed training dock is a one-line
// status bar that still pauses and stops, results come into view, and notices float instead of pushing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Overlap area of two boxes; a shared 1 px border does not count. */
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) - 1) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) - 1);
const within = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

async function openApp(size?: { width: number; height: number }) {
  const { app } = ctx;
  if (size) await app.page.setViewportSize(size);
  await app.open();
  await app.waitForConnected();
  await poll(
    () => app.nodeCount(),
    (n) => n > 0,
    'the starting template on the canvas',
  );
  return app;
}

const canvas = () => ctx.app.page.locator('.react-flow');

describe('workbench layout', () => {
  it('gives the canvas at least 60% of a 1440×900 window while designing', async () => {
    const app = await openApp();
    const box = await app.box(canvas(), 'the canvas (.react-flow)');
    const share = (box.width * box.height) / (1440 * 900);
    console.log(
      `canvas ${Math.round(box.width)}×${Math.round(box.height)} = ${(share * 100).toFixed(1)}% of 1440×900`,
    );
    expect(share).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps every panel apart and the toolbar on one line at 1024×700; the minimap gets small or goes', async () => {
    const app = await openApp({ width: 1024, height: 700 });
    const page = app.page;
    const named: [string, Locator][] = [
      ['toolbar', page.getByRole('toolbar', { name: 'Main toolbar' })],
      ['palette', app.palette()],
      ['canvas', canvas()],
      ['side panel', page.locator('aside.side')],
      ['status bar', app.dockStatusBar()],
    ];
    const boxes = await Promise.all(named.map(([what, locator]) => app.box(locator, what)));
    const window = { x: 0, y: 0, width: 1024, height: 700 };
    boxes.forEach((box, i) => expect(within(box, window), `${named[i]?.[0]} inside the window`).toBe(true));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        expect(overlap(boxes[i] as Box, boxes[j] as Box), `${named[i]?.[0]} overlaps ${named[j]?.[0]}`).toBe(
          0,
        );

    const toolbar = page.getByRole('toolbar', { name: 'Main toolbar' });
    const fits = await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits, 'toolbar content fits its width').toBe(true);
    expect(boxes[0]?.height, 'toolbar is one line').toBeLessThanOrEqual(48);
    // What the narrow toolbar hides is still one menu away.
    await app.click(app.button('More'), 'toolbar menu "More"');
    await app.visible(page.getByRole('menuitem', { name: 'Save as' }), 'Save as in the More menu');
    await page.keyboard.press('Escape');

    const minimap = page.locator('.react-flow__minimap');
    if (await minimap.isVisible()) {
      const map = await app.box(minimap, 'the minimap');
      expect(map.width * map.height, 'minimap area').toBeLessThanOrEqual(
        0.05 * (boxes[2] as Box).width * (boxes[2] as Box).height,
      );
    }
  });

  it('remembers panel sizes and a collapsed panel across a reload', async () => {
    const app = await openApp();
    const page = app.page;
    const palette = () => app.box(app.palette(), 'the layer palette');
    const before = (await palette()).width;
    const separator = page.getByRole('separator', { name: 'Resize the layer palette' });
    await separator.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const widened = await poll(
      async () => (await palette()).width,
      (w) => w > before + 20,
      'the palette to widen with ArrowRight on its separator',
    );
    await app.click(app.button('Hide the side panel'), 'the side panel collapse button');
    await app.visible(app.button('Show the side panel'), 'the collapsed side panel rail');
    await poll(
      () =>
        page.evaluate<number>(
          `Object.keys(localStorage).filter((k) => k.includes('layerwise-workspace')).length`,
        ),
      (n) => n > 0,
      'the workspace layout saved in localStorage',
    );

    await page.reload();
    await app.waitForConnected();
    await app.visible(app.button('Show the side panel'), 'the side panel still collapsed after reload');
    const after = (await palette()).width;
    expect(
      Math.abs(after - widened),
      `palette width ${after} after reload, ${widened} before`,
    ).toBeLessThanOrEqual(2);
    await app.click(app.button('Show the side panel'), 'the side panel rail');
    await app.visible(page.getByRole('tab', { name: 'Inspector' }), 'the side panel back');
  });

  it('shows curves on Train; collapsed, the dock is a one-line status bar that pauses and stops', async () => {
    const app = await openApp();
    const page = app.page;
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 20, limit: 20000 });
    await app.collapseDock();
    const bar = app.dockStatusBar();
    const idle = await app.box(bar, 'the status bar');
    const canvasBefore = await app.box(canvas(), 'the canvas');
    expect(canvasBefore.height, 'collapsed dock leaves the canvas tall').toBeGreaterThan(700);

    await app.train(); // the status bar's Train: the dock opens on the charts by itself
    await app.visible(page.getByTestId('chart-batch-loss'), 'the loss chart right after Train');
    await app.waitForChartPoints('chart-batch-loss', 1);

    await app.collapseDock();
    const pause = bar.getByRole('button', { name: 'Pause', exact: true });
    const stop = bar.getByRole('button', { name: 'Stop', exact: true });
    await app.visible(pause, 'Pause in the collapsed status bar');
    await app.visible(stop, 'Stop in the collapsed status bar');
    expect(await app.progressValue()).toBeGreaterThanOrEqual(0); // its progress bar is the one exposed
    const running = await app.box(bar, 'the status bar while running');
    expect(running.height).toBe(idle.height);
    expect(running.height, 'one line').toBeLessThanOrEqual(40);

    await pause.click();
    await poll(
      async () => (await bar.textContent()) ?? '',
      (text) => text.includes('Paused — Resume or Stop') && text.includes('ETA paused'),
      'the status bar to say "Paused — Resume or Stop" and "ETA paused"',
    );
    expect((await app.box(bar, 'the status bar while paused')).height).toBe(idle.height);
    await app.visible(bar.getByRole('button', { name: 'Resume', exact: true }), 'Resume in the status bar');

    await app.openDock();
    const dock = page.getByRole('region', { name: 'Training' });
    await app.visible(dock.getByText('Paused — Resume or Stop'), 'the paused hint beside the controls');
    expect(await dock.getByText(/A run is in progress/).count()).toBe(0);
    await app.visible(dock.getByText(/ETA paused/), 'the ETA saying paused');

    await app.collapseDock();
    await stop.click();
    await app.visible(
      bar.getByRole('button', { name: 'Train', exact: true }),
      'Train back in the status bar',
    );
    expect((await app.box(bar, 'the status bar after stopping')).height).toBe(idle.height);
  });

  it('brings a confusion cell’s images into view and shows the drawing pad in the results view', async () => {
    const app = await openApp();
    const page = app.page;
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 2000 });
    await app.train();
    await app.waitForTestAccuracy();

    // In the open dock the images land below the matrix, out of sight until scrolled to.
    const cell = page
      .locator('.training-confusion__cell:not(.is-diagonal)')
      .filter({ hasNotText: /^0$/ })
      .first();
    await app.click(cell, 'an off-diagonal confusion cell with images');
    const scroller = await app.box(page.locator('.dock-dashboard'), 'the dashboard scroll area');
    await poll(
      async () =>
        within(await app.box(page.getByTestId('misclassified'), 'the misclassified images'), scroller),
      (ok) => ok,
      'the misclassified images scrolled into view',
    );

    await app.click(app.button('Maximize training'), 'the maximize button in the status bar');
    await app.click(
      page.getByRole('button', { name: 'Close', exact: true }),
      'close the misclassified images',
    );
    await page.locator('.dock-dashboard').evaluate((el) => el.scrollTo(0, 0));
    const pad = await app.box(page.getByLabel('Drawing pad', { exact: false }).first(), 'the drawing pad');
    expect(within(pad, { x: 0, y: 0, width: 1440, height: 900 }), 'the drawing pad without scrolling').toBe(
      true,
    );
  });

  it('floats a notice over the work area without moving the canvas, and closes it', async () => {
    const app = await openApp();
    const before = await app.box(canvas(), 'the canvas');
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-layout-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "format": "layerwise-model", ');
    await app.openModelFile(file);
    const notice = await app.visible(app.page.getByTestId('notice'), 'the notice about the broken file');
    const after = await app.box(canvas(), 'the canvas with a notice shown');
    expect(after).toEqual(before);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await poll(
      () => app.page.getByTestId('notice').count(),
      (n) => n === 0,
      'the notice gone after Dismiss',
    );
  });
});
