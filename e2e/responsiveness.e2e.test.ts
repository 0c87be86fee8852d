// The UI keeps up while training: with batch events streaming and the charts on screen, events keep
// reaching the page, the charts keep receiving points, the page answers typing and tab clicks, and
// Pause, Resume and Stop take effect. How long the page's tasks take is measured by
// `npm run bench -- responsiveness` (docs/benchmarks.md), not asserted here: a time budget fails on a
// busy machine without anything being wrong.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

describe('responsiveness while training', () => {
  it('keeps charting, answers input, and pauses, resumes and stops while batches stream', async () => {
    const { app, served } = ctx;
    const page = app.page;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    // One compute thread leaves the browser a core on a 2-core machine.
    await app.setTraining({ epochs: 20, threads: 1 });
    await app.train();
    await app.waitForChartPoints('chart-batch-loss', 5);

    let batches = 0;
    const off = served.training.onEvent((_id, event) => void (event.type === 'batch' && batches++));
    try {
      // The chart grows again and again, not once.
      let points = await app.chartPoints('chart-batch-loss');
      for (let i = 0; i < 3; i++) {
        const before = points;
        points = await poll(
          () => app.chartPoints('chart-batch-loss'),
          (n) => n > before,
          `the batch loss chart to keep receiving points (update ${i + 1} of 3, had ${before})`,
        );
      }
      expect(batches, 'batch events sent to the page meanwhile').toBeGreaterThan(0);

      // Typing filters the palette, and the dock's tabs switch, while the events stream.
      const search = page.getByPlaceholder('Search layers');
      await app.fill(search, 'Conv', 'the layer search');
      await poll(
        () => page.getByRole('button', { name: 'Dense', exact: true }).count(),
        (n) => n === 0,
        'the palette to hide Dense after searching "Conv"',
      );
      await app.fill(search, '', 'the layer search');
      await app.showTab('Runs');
      await app.visible(page.getByRole('tab', { name: 'Runs', selected: true }), 'the Runs tab selected');
      await app.showTab('Charts');

      await app.click(app.button('Pause'), 'the Pause button');
      await app.visible(page.getByText('Run 1: paused'), 'the run status saying paused');
      await app.visible(app.button('Resume'), 'the Resume button while paused');
      const paused = await app.chartPoints('chart-batch-loss');
      await app.click(app.button('Resume'), 'the Resume button');
      await poll(
        () => app.chartPoints('chart-batch-loss'),
        (n) => n > paused,
        'the batch loss chart to receive points again after Resume',
      );

      await app.click(app.button('Stop'), 'the Stop button');
      await app.visible(page.getByText('Run 1: stopped'), 'the run status saying stopped');
      await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again after Stop');
    } finally {
      off();
    }
  });
});
