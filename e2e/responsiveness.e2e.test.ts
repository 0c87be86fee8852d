// The UI stays responsive while training: with batch events streaming at ~20/s and the charts on
// screen, no long animation frame is spent in the page's own work (React renders of the charts and
// panels, their style and layout). Long Animation Frame entries say where a slow frame's time went.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();
const SECONDS = 4;
const BUDGET_MS = 50;

interface SlowFrame {
  readonly duration: number;
  /** Time in the page's scripts plus the style and layout they caused. */
  readonly ownWork: number;
  readonly scripts: string[];
}

describe('responsiveness while training', () => {
  it('chart updates at ~20 events/s cause no main-thread task over 50 ms', async () => {
    const { app, served } = ctx;
    const page = app.page;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 20 });
    await app.train();
    await app.waitForChartPoints('chart-batch-loss', 5);

    let batches = 0;
    const off = served.training.onEvent((_id, event) => void (event.type === 'batch' && batches++));
    const pointsBefore = await app.chartPoints('chart-batch-loss');
    await page.evaluate(() => {
      const frames: unknown[] = [];
      (globalThis as unknown as { __slowFrames: unknown[] }).__slowFrames = frames;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          duration: number;
          startTime: number;
          styleAndLayoutStart: number;
          scripts: { duration: number; invoker: string; forcedStyleAndLayoutDuration: number }[];
        }[]) {
          const scripts = entry.scripts.reduce((sum, s) => sum + s.duration, 0);
          const styleAndLayout = entry.startTime + entry.duration - entry.styleAndLayoutStart;
          frames.push({
            duration: entry.duration,
            ownWork: scripts + styleAndLayout,
            scripts: entry.scripts.map((s) => `${s.invoker} ${Math.round(s.duration)} ms`),
          });
        }
      }).observe({ type: 'long-animation-frame' });
    });
    await page.waitForTimeout(SECONDS * 1000);
    off();
    const slow = await page.evaluate(
      () => (globalThis as unknown as { __slowFrames: SlowFrame[] }).__slowFrames,
    );
    const pointsAfter = await poll(
      () => app.chartPoints('chart-batch-loss'),
      (n) => n !== pointsBefore,
      'the batch loss chart to keep receiving points',
    );
    await app.click(app.button('Stop'), 'Stop');

    expect(batches / SECONDS, 'batch events per second reaching the page').toBeGreaterThan(10);
    expect(pointsAfter).not.toBe(pointsBefore);
    const ours = slow.filter((f) => f.ownWork > BUDGET_MS);
    expect(ours, `slow frames: ${JSON.stringify(slow)}`).toEqual([]);
  });
});
