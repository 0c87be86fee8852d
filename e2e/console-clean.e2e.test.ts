// A clean console: a fresh load asks for nothing the server lacks (the favicon is the app icon) and logs
// nothing, and neither does training a model and drawing a digit on the pad. Every console message of
// every type is recorded here, including the favicon errors the shared page setup lets pass.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

/** Every console message and every failed request of the page, from now on. */
function record(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => seen.push(`console ${m.type()}: ${m.text()} (${m.location().url})`));
  page.on('requestfailed', (r) => seen.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => void (r.status() >= 400 && seen.push(`HTTP ${r.status()}: ${r.url()}`)));
  return seen;
}

describe('console', () => {
  it('a fresh load logs nothing, and the favicon is the app icon', async () => {
    const { app } = ctx;
    const seen = record(app.page);
    await app.open();
    await app.waitForConnected();
    await poll(
      () => app.nodeCount(),
      (n) => n > 0,
      'the starting template on the canvas',
    );
    const icon = await app.page.evaluate<string | null>(
      `document.querySelector('link[rel="icon"]')?.href ?? null`,
    );
    expect(icon, 'a <link rel="icon"> in the page').not.toBeNull();
    const response = await app.page.request.get(icon as string);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/svg+xml');
    expect(await response.text()).toContain('<svg');
    // What Chromium asks for on its own (the favicon) has had time to come back by now.
    await app.page.waitForLoadState('networkidle');
    expect(seen).toEqual([]);
  });

  it('training one epoch and drawing a digit on the pad log nothing', async () => {
    const { app } = ctx;
    const page = app.page;
    const seen = record(page);
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 1000 });
    await app.train();
    await app.waitForTestAccuracy();

    const pad = await app.visible(page.getByRole('img', { name: 'Drawing pad' }), 'the drawing pad');
    await pad.scrollIntoViewIfNeeded(); // below the results in the training dock
    const box = await app.box(pad, 'the drawing pad');
    // A "1", drawn slowly enough for the pad to read itself back several times (10/s).
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + i * 0.05));
      await page.waitForTimeout(50);
    }
    await page.mouse.up();
    const caption = page.getByText(/^Prediction: /);
    await app.visible(caption, 'the prediction for the drawing');
    expect(seen).toEqual([]);
  });
});
