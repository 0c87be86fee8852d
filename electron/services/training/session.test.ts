// Training sessions for real: worker threads, the native core and MNIST, on small runs.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { ApiError } from '../../../engine/api/contract';
import { TrainingService } from './training-service';
import type { TrainingSession } from './session';

const template = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/templates/${name}.json`, import.meta.url), 'utf8'));
const service = new TrainingService();
afterAll(() => service.disposeAll());

function record(session: TrainingSession) {
  const events: { at: number; event: TrainingEvent }[] = [];
  session.onEvent((event) => events.push({ at: performance.now(), event }));
  return events;
}

const nextEvent = (session: TrainingSession, type: TrainingEvent['type']) =>
  new Promise<TrainingEvent>((resolve) => {
    const off = session.onEvent((event) => {
      if (event.type === type) {
        off();
        resolve(event);
      }
    });
  });

describe('training sessions', () => {
  it('trains, validates, and reports the test set with a confusion matrix', async () => {
    const { session } = await service.start(template('mnist-mlp'), {
      epochs: 2,
      limit: 3000,
      validation_split: 0.2,
      threads: 1,
    });
    const events = record(session);
    await session.whenFinished();
    const types = events.map((e) => e.event.type);
    expect(types[0]).toBe('started');
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    // Layer statistics on global steps 0, 50, 100 (of 75 per epoch; one may be skipped when it comes
    // within 100 ms of the previous sample), plus each epoch's last; the history (what a late
    // subscriber gets) keeps only the epoch-end ones.
    const stats = events.flatMap((e) => (e.event.type === 'layer_stats' ? [e.event] : []));
    expect(stats[0]).toMatchObject({ epoch: 1, step: 1, final_of_epoch: false });
    const sampled = stats.filter((e) => !e.final_of_epoch).map((e) => (e.epoch - 1) * 75 + e.step - 1);
    for (const step of sampled) expect([0, 50, 100]).toContain(step);
    expect(stats.filter((e) => e.final_of_epoch).map((e) => [e.epoch, e.step])).toEqual([
      [1, 75],
      [2, 75],
    ]);
    const kept = session.snapshot().events.flatMap((e) => (e.type === 'layer_stats' ? [e] : []));
    expect(kept.map((e) => [e.epoch, e.step])).toEqual([
      [1, 75],
      [2, 75],
    ]);
    expect(types.at(-2)).toBe('completed');
    expect(session.currentState).toBe('completed');
    const started = events[0]?.event as Extract<TrainingEvent, { type: 'started' }>;
    expect([started.train_samples, started.validation_samples, started.test_samples]).toEqual([
      2400, 600, 10000,
    ]);
    const completed = events.find((e) => e.event.type === 'completed')?.event as Extract<
      TrainingEvent,
      { type: 'completed' }
    >;
    expect(completed.test_accuracy).toBeGreaterThan(0.8);
    expect(completed.confusion.flat().reduce((a, b) => a + b, 0)).toBe(10000);
    expect(completed.misclassified.length).toBe(Math.round(10000 * (1 - completed.test_accuracy)));
    const miss = completed.misclassified[0];
    expect(miss?.label).not.toBe(miss?.predicted);
    const epochs = events
      .filter((e) => e.event.type === 'epoch')
      .map((e) => e.event as Extract<TrainingEvent, { type: 'epoch' }>);
    expect(epochs[1]?.val_accuracy).toBeGreaterThan(0.8);

    // The worker is gone; its final weights stay with the session.
    expect((session as unknown as { worker: unknown }).worker).toBeUndefined();
    expect(Object.keys(await session.weights())).toContain('dense/kernel');
    await expect(session.predict(new Float32Array(784))).rejects.toThrow(/no running model: it has ended/);
  });

  it('pauses, resumes and stops within one batch', async () => {
    const { session } = await service.start(template('mnist-cnn'), { epochs: 3, limit: 20000, threads: 1 });
    const events = record(session);
    await nextEvent(session, 'batch');
    expect(session.pause()).toBe('running');
    await nextEvent(session, 'state');
    expect(session.currentState).toBe('paused');
    const pausedAt = events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.slice(pausedAt).filter((e) => e.event.type === 'batch')).toEqual([]);
    session.resume();
    await nextEvent(session, 'batch');
    expect(session.currentState).toBe('running');
    const stopAt = performance.now();
    session.stop();
    await session.whenFinished();
    expect(session.currentState).toBe('stopped');
    expect(performance.now() - stopAt).toBeLessThan(1000);
    expect(events.some((e) => e.event.type === 'completed')).toBe(false);
    // The final weights stay with the stopped session.
    expect(Object.keys(await session.weights())).toContain('conv2d/kernel');
  });

  it('fails a diverging run with advice, and a new run starts afterwards', async () => {
    const { session } = await service.start(template('mnist-mlp'), {
      epochs: 1,
      limit: 2000,
      optimizer: { type: 'sgd', learning_rate: 1e9 },
      threads: 1,
    });
    const events = record(session);
    await session.whenFinished();
    expect(session.currentState).toBe('failed');
    const failed = events.find((e) => e.event.type === 'failed')?.event as Extract<
      TrainingEvent,
      { type: 'failed' }
    >;
    expect(failed.message).toMatch(
      /(the loss became (NaN|Infinity|[\d.]+e\+\d+)|the (output|gradient) of layer '\w+' became (NaN|Infinity)|the output of layer '\w+' (grew \S+-fold|overflowed) since the first batch \(the loss reached \S+\)) at epoch 1, batch \d+: training diverged.*learning rate \(1000000000\) is probably too high; try a lower one/,
    );
    const next = await service.start(template('mnist-mlp'), { epochs: 1, limit: 500, threads: 1 });
    await next.session.whenFinished();
    expect(next.session.currentState).toBe('completed');
  });

  it('isolates a crashing worker: the session fails, the process carries on', async () => {
    const crashing = new TrainingService({
      workerEntry: new URL('./test-fixtures/crashing-worker.mjs', import.meta.url),
    });
    const { session } = await crashing.start(template('mnist-mlp'), { epochs: 1, limit: 100 });
    const events = record(session);
    await session.whenFinished();
    expect(session.currentState).toBe('failed');
    expect(events.map((e) => e.event)).toContainEqual({
      type: 'failed',
      message: 'the training worker exited unexpectedly (code 7)',
    });
    await expect(session.predict(new Float32Array(784))).rejects.toThrow(/no running model/);
  });

  // 6000 one-sample steps take 3-6 s on a 2-core machine: the time limit is generous, since what is
  // checked is how events are coalesced, not how fast the steps run.
  it(
    'coalesces batch events to at most 20 per second under a flood of tiny batches',
    { timeout: 60_000 },
    async () => {
      const { session } = await service.start(template('mnist-mlp'), {
        epochs: 1,
        limit: 6000,
        batch_size: 1,
        validation_split: 0,
        threads: 1,
      });
      const events = record(session);
      await session.whenFinished();
      const batches = events.filter((e) => e.event.type === 'batch');
      const steps = (events[0]?.event as Extract<TrainingEvent, { type: 'started' }>).total_steps;
      expect(steps).toBe(6000);
      expect(batches.length).toBeLessThan(steps / 10);
      // At most one event per 50 ms over the run: counted over the whole span, since one gap can look
      // short when the event loop delivers two late messages together on a busy machine.
      const span = (batches.at(-2)?.at ?? 0) - (batches[1]?.at ?? 0);
      expect(batches.length - 3).toBeLessThanOrEqual(span / 40);
      const last = batches.at(-1)?.event as Extract<TrainingEvent, { type: 'batch' }>;
      expect(last.step).toBe(6000); // the epoch's last batch is always reported
      expect(last.epoch_accuracy).toBeGreaterThan(0.5);
    },
  );

  it('stops early when validation loss stops improving, restoring the best weights', async () => {
    const { session } = await service.start(template('mnist-mlp'), {
      epochs: 30,
      limit: 600,
      validation_split: 0.5,
      early_stopping: { patience: 1, min_delta: 0 },
      optimizer: { type: 'adam', learning_rate: 0.05 },
      threads: 1,
    });
    const events = record(session);
    await session.whenFinished();
    const completed = events.find((e) => e.event.type === 'completed')?.event as Extract<
      TrainingEvent,
      { type: 'completed' }
    >;
    const epochs = events
      .filter((e) => e.event.type === 'epoch')
      .map((e) => e.event as Extract<TrainingEvent, { type: 'epoch' }>);
    expect(completed.stopped_early).toBe(true);
    expect(epochs.length).toBeLessThan(30);
    const best = epochs.reduce((a, b) => ((b.val_loss ?? Infinity) < (a.val_loss ?? Infinity) ? b : a));
    expect(completed.best_epoch).toBe(best.epoch);
  });

  it('refuses a model that does not fit the dataset, naming the fix', async () => {
    const model = template('mnist-cnn');
    model.graph.nodes.at(-1).params.units = 7;
    await expect(service.start(model, {})).rejects.toThrow(
      /outputs \(7,\), but mnist has 10 classes: end the model with .*Dense\(10/,
    );
    const broken = template('mnist-cnn');
    broken.graph.nodes[1].params.filters = 0;
    const error = await service.start(broken, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).data.issues?.[0]).toMatchObject({
      code: 'E_PARAM',
      where: { nodeId: 'conv1', field: 'filters' },
    });
    await expect(service.start(template('mnist-mlp'), { dataset: '/no/such/folder' })).rejects.toThrow(
      /unknown dataset '\/no\/such\/folder'/,
    );
    await expect(service.start(template('mnist-mlp'), { epochs: 0 })).rejects.toThrow(
      /epochs must be from 1/,
    );
  });
});
