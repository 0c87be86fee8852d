// Looking inside a model on the canvas: while an MNIST CNN run trains (and while it is paused) every
// layer with statistics wears a health badge; after it, the activations view, given a test image, puts a thumbnail of its output on
// each convolution, and drawing on the pad updates them.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

describe('look inside', () => {
  it('shows health badges while training and activation thumbnails for a test image', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST CNN');
    // Long enough to pause in the middle: 3 epochs of 10,000 images take several seconds here.
    await app.setTraining({ epochs: 3, limit: 10000 });
    await app.train();

    const running = await poll(
      () => app.healthLevels(),
      (l) => l.length >= 3,
      'health badges while the run trains',
    );
    await app.click(app.button('Pause'), 'the Pause button');
    await app.visible(app.button('Resume'), 'the Resume button while paused');
    expect(await app.page.getByTestId('test-accuracy').count(), 'the run had not finished').toBe(0);
    const paused = await app.healthLevels();
    expect(paused.length).toBeGreaterThanOrEqual(running.length);
    expect(paused.map((l) => l.title)).toEqual(expect.arrayContaining(['conv2d', 'conv2d_1', 'dense_1']));
    for (const { level } of paused) expect(['good', 'warning', 'problem']).toContain(level);
    await app.click(app.button('Resume'), 'the Resume button');
    await app.waitForTestAccuracy();

    const levels = await app.healthLevels();
    expect(levels.map((l) => l.title)).toEqual(paused.map((l) => l.title)); // still there after the run

    await app.setCanvasView('Activations');
    expect(await app.healthBadges().count(), 'badges belong to the health view').toBe(0);
    await app.pickActivationsImage(0);
    const shown = await poll(
      () => app.activationTitles(),
      (t) => t.includes('conv2d') && t.includes('conv2d_1'),
      'activation thumbnails on the convolutions',
    );
    expect(shown).toContain('dense_1');
    const conv = app
      .nodes()
      .filter({ has: app.page.getByTestId('node-title').getByText('conv2d', { exact: true }) });
    const image = conv.getByTestId('node-activation').locator('img');
    expect(await image.getAttribute('alt')).toBe('Output of conv2d: 26×26×32');
    expect(
      await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await app.page.getByTestId('node-prediction').textContent()).toMatch(/^\d: \d+%$/);

    // Drawing on the pad replaces the test image's thumbnails with the drawing's.
    const before = await image.getAttribute('src');
    await app.click(app.page.getByTestId('inside-draw'), 'the Draw button of the activations picker');
    await app.drawOnPad([
      { x: 0.5, y: 0.15 },
      { x: 0.5, y: 0.85 },
    ]);
    await poll(
      () => image.getAttribute('src'),
      (src) => src !== null && src !== before,
      'the conv2d thumbnail to show the drawing',
    );

    // In a small window the thumbnails are panned out from under the inspector when an input is picked.
    await app.page.setViewportSize({ width: 1024, height: 700 });
    await app.pickActivationsImage(1);
    const pane = await app.box(app.page.locator('.react-flow'), 'the canvas');
    type Boxed = { getBoundingClientRect(): { right: number } };
    const hidden = await poll(
      async () =>
        (
          await app
            .nodes()
            .getByTestId('node-activation')
            .evaluateAll((els) => els.map((el) => (el as unknown as Boxed).getBoundingClientRect().right))
        ).filter((right) => right > pane.x + pane.width).length,
      (n) => n === 0,
      'every thumbnail to end inside the canvas at 1024×700',
    );
    expect(hidden).toBe(0);
  });
});
