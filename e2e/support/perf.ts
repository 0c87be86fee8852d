// In-page performance probes: frames per second counted with requestAnimationFrame, and long tasks
// (> 50 ms) from a PerformanceObserver. The page scripts are strings: this code type-checks without DOM.
import type { Page } from 'playwright-core';
import type { AppPage } from './app-page';
import type { ServedApp } from './serve-app';

export interface FrameStats {
  readonly frames: number;
  readonly seconds: number;
  readonly fps: number;
  /** The longest gap between two frames, ms. */
  readonly worstFrameMs: number;
}

export interface LongTaskStats {
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

export async function startFrameCounter(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const s = (window.__lwFrames = { frames: 0, start: performance.now(), last: performance.now(), worst: 0, on: true });
    const tick = (t) => {
      if (!s.on) return;
      s.frames++; s.worst = Math.max(s.worst, t - s.last); s.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export async function stopFrameCounter(page: Page): Promise<FrameStats> {
  const s = await page.evaluate<{ frames: number; ms: number; worst: number }>(`(() => {
    const s = window.__lwFrames; s.on = false;
    return { frames: s.frames, ms: performance.now() - s.start, worst: s.worst };
  })()`);
  const seconds = s.ms / 1000;
  return { frames: s.frames, seconds, fps: s.frames / seconds, worstFrameMs: s.worst };
}

export async function startLongTasks(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const s = (window.__lwLong = { tasks: [] });
    s.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) s.tasks.push(e.duration); });
    s.observer.observe({ type: 'longtask' });
  })()`);
}

export async function stopLongTasks(page: Page): Promise<LongTaskStats> {
  const tasks = await page.evaluate<number[]>(`(() => {
    const s = window.__lwLong; s.observer.takeRecords().forEach((e) => s.tasks.push(e.duration));
    s.observer.disconnect(); return s.tasks;
  })()`);
  return {
    count: tasks.length,
    totalMs: tasks.reduce((a, b) => a + b, 0),
    maxMs: Math.max(0, ...tasks),
  };
}

/** Counts frames and long tasks while `action` runs. */
export async function measure<T>(
  page: Page,
  action: () => Promise<T>,
): Promise<{ result: T; frames: FrameStats; longTasks: LongTaskStats }> {
  await startLongTasks(page);
  await startFrameCounter(page);
  const result = await action();
  const frames = await stopFrameCounter(page);
  return { result, frames, longTasks: await stopLongTasks(page) };
}

/**
 * Long tasks in the page over `seconds` of a training run that is already going (batch events are
 * coalesced to ~20/s by the server); also reports the batch-event rate the server actually sent.
 */
export async function longTasksDuringTraining(app: AppPage, served: ServedApp, seconds = 3) {
  let batches = 0;
  const off = served.training.onEvent((_id, event) => {
    if (event.type === 'batch') batches++;
  });
  try {
    const { frames, longTasks } = await measure(app.page, () => app.page.waitForTimeout(seconds * 1000));
    return { batchEventsPerSecond: batches / frames.seconds, frames, longTasks };
  } finally {
    off();
  }
}
