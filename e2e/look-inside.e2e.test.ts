// Looking inside a trained model on the canvas: after a short MNIST CNN run every layer with statistics
// wears a health badge; the activations view, given a test image, puts a thumbnail of its output on
// each convolution, and drawing on the pad updates them.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

describe('look inside', () => {
  it('shows health badges after training and activation thumbnails for a test image', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST CNN');
    await app.setTraining({ epochs: 1, limit: 2000 });
    await app.train();
    await app.waitForTestAccuracy();

    const levels = await poll(
      () => app.healthLevels(),
      (l) => l.length >= 3,
      'health badges on the trained layers',
    );
    const titles = levels.map((l) => l.title);
    expect(titles).toEqual(expect.arrayContaining(['conv2d', 'conv2d_1', 'dense_1']));
    for (const { level } of levels) expect(['good', 'warning', 'problem']).toContain(level);

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
  });
});
