// The inspector's look inside a trained layer: after a short two-epoch MNIST CNN run, selecting conv2d
// shows its statistics charts and its kernel histograms (one ridge per epoch); with the activations view
// on and a test image picked, its full channel grid and its kernels.
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
  });
});
