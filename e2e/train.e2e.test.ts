// Training from the UI: a short MLP run fills the charts, moves the progress bar and ends with the test
// accuracy; a longer run is paused, resumed and stopped, checked against the session on the server.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

const lastSessionState = () => {
  const sessions = ctx.served.training.list();
  return sessions.at(-1)?.snapshot().state ?? 'none';
};

describe('train', () => {
  it('trains the MLP on 2000 samples for 1 epoch: loss chart, progress, test accuracy', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 2000 });
    await app.train();

    await app.waitForChartPoints('chart-batch-loss', 1);
    const progress = await poll(
      () => app.progressValue(),
      (v) => v > 0,
      'the progress bar value to rise above 0',
    );
    expect(progress).toBeGreaterThan(0);
    const accuracy = await app.waitForTestAccuracy();
    expect(accuracy).toMatch(/\d/);
    const max = Number(await app.progressBar().getAttribute('aria-valuemax'));
    expect(await app.progressValue(), 'progress at the end of the run').toBe(
      Number.isFinite(max) ? max : 100,
    );
    expect(lastSessionState()).toBe('completed');
  });

  it('pauses, resumes and stops a run', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 20, limit: 60000 });
    await app.train();
    await app.waitForChartPoints('chart-batch-loss', 2);

    await app.click(app.button('Pause'), 'the Pause button');
    await poll(
      async () => lastSessionState(),
      (s) => s === 'paused',
      'the server session to be paused',
    );
    await app.visible(app.button('Resume'), 'the Resume button while paused');
    const pausedAt = await app.progressValue();

    await app.click(app.button('Resume'), 'the Resume button');
    await poll(
      async () => lastSessionState(),
      (s) => s === 'running',
      'the server session to run again',
    );
    await poll(
      () => app.progressValue(),
      (v) => v > pausedAt,
      'progress to move on after Resume',
    );

    await app.click(app.button('Stop'), 'the Stop button');
    await poll(
      async () => lastSessionState(),
      (s) => s === 'stopped',
      'the server session to stop',
    );
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again after Stop');
  });
});
