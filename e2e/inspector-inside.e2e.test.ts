// The inspector's look inside a trained layer: after a short two-epoch MNIST CNN run, selecting conv2d
// shows its statistics charts and its kernel histograms (one ridge per epoch); with the activations view
// on and a test image picked, its full channel grid and its kernels; and a misclassified image in the
// results, clicked, becomes the activations view's input.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

describe('the inspector looks inside a layer', () => {
  it('charts conv2d over the run and shows its channels and kernels for a picked image', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST CNN');
    await app.setTraining({ epochs: 2, limit: 1000 });
    await app.train();
    await app.waitForTestAccuracy();

    const conv = app
      .nodes()
      .filter({ has: app.page.getByTestId('node-title').getByText('conv2d', { exact: true }) });
    await app.selectNode(conv);
    const stats = await app.visible(app.inspector().getByTestId('inspector-stats'), 'the statistics section');
    expect(await stats.getByRole('heading').textContent()).toBe('conv2d during training');
    for (const chart of ['inspector-stats-gradient', 'inspector-stats-dead'])
      expect(
        Number(await stats.getByTestId(chart).getAttribute('data-points')),
        chart,
      ).toBeGreaterThanOrEqual(2);
    await poll(
      () => stats.getByTestId('inspector-histogram-values').getAttribute('data-epochs'),
      (n) => n === '2',
      'two epochs of kernel histograms',
    );
    expect(await stats.getByTestId('inspector-histogram-gradients').getAttribute('data-epochs')).toBe('2');

    await app.setCanvasView('Activations');
    await app.pickActivationsImage(0);
    const grid = app.inspector().getByTestId('inspector-channel-grid');
    await app.visible(grid, 'the channel grid of conv2d in the inspector');
    const img = grid.locator('img');
    expect(await img.getAttribute('alt')).toBe('Output of conv2d: 26×26×32');
    expect(Number(await img.getAttribute('data-channels'))).toBeGreaterThan(8);
    expect(await app.inspector().getByTestId('inspector-kernels').locator('img').count()).toBe(32);

    // A misclassified test image from the results becomes the activations view's input.
    await app.setCanvasView('Health');
    await app.showTab('Results');
    const cell = app.page
      .locator('.training-confusion__cell:not(.is-diagonal)')
      .filter({ hasNotText: /^0$/ })
      .first();
    await app.click(cell, 'an off-diagonal confusion cell with images');
    const look = app.page.getByTestId('misclassified-look-inside').first();
    const title = (await (await app.visible(look, 'a misclassified image')).getAttribute('title')) ?? '';
    const index = Number(/(\d+)$/.exec(title)?.[1]);
    await app.click(look, 'the first misclassified image');
    const view = app.page.getByRole('group', { name: 'Canvas view' });
    expect(
      await view.getByRole('button', { name: 'Activations', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    const pressed = app.page.locator('[data-testid="inside-test-image"][aria-pressed="true"]');
    await poll(
      () => pressed.getAttribute('title'),
      (t) => t !== null && t.startsWith(`Test image ${index + 1} `),
      'the misclassified image pressed in the activations picker',
    );
  });
});
