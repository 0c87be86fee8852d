// Stop works at any moment: a worker that never looks at the stop flag (stuck allocating or evaluating
// a huge model) is terminated after a short grace, the session ends 'stopped', and the same service
// trains the next session.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { TrainingService } from './training-service';

const template = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/templates/${name}.json`, import.meta.url), 'utf8'));
const busyWorker = new URL('./test-fixtures/busy-worker.mjs', import.meta.url).pathname;
const service = new TrainingService();
afterAll(() => service.disposeAll());
afterEach(() => {
  delete process.env.LAYERWISE_TRAINING_WORKER;
});

describe('stop at any moment', () => {
  it('stops a session whose worker is stuck, and the service trains the next one', async () => {
    process.env.LAYERWISE_TRAINING_WORKER = busyWorker;
    const { session: stuck } = await service.start(template('mnist-mlp'), { epochs: 1, limit: 200 });
    delete process.env.LAYERWISE_TRAINING_WORKER;
    const events: TrainingEvent[] = [];
    stuck.onEvent((event) => events.push(event));
    // Let the worker get into its busy call first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stuck.stop()).toBe('running');
    await stuck.whenFinished(); // the busy loop runs for two minutes: only a forced stop ends this
    expect(stuck.currentState).toBe('stopped');
    expect(events).toContainEqual({ type: 'state', state: 'stopped' });
    expect(events.some((event) => event.type === 'failed')).toBe(false);
    await expect(stuck.weights()).rejects.toThrow(/has no weights/);

    const { session: next } = await service.start(template('mnist-mlp'), {
      epochs: 1,
      limit: 500,
      validation_split: 0,
      threads: 1,
    });
    await next.whenFinished();
    expect(next.currentState).toBe('completed');
    expect(Object.keys(await next.weights())).toContain('dense/kernel');
  }, 60_000);

  it('stops a real session asked to stop right after start', async () => {
    const { session } = await service.start(template('mnist-cnn'), { epochs: 1, threads: 1 });
    session.stop();
    await session.whenFinished();
    expect(session.currentState).toBe('stopped');
    const { session: next } = await service.start(template('mnist-mlp'), {
      epochs: 1,
      limit: 300,
      validation_split: 0,
      threads: 1,
    });
    await next.whenFinished();
    expect(next.currentState).toBe('completed');
  }, 60_000);
});
