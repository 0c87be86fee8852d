// Sessions end and free what they hold: after many short runs the process is back near its baseline
// of memory and threads, ended sessions still answer status, weights and predictions through the API,
// clients can release them, and training.list stays bounded. Also the ways a run ends that users meet:
// a finite loss explosion fails the run, and a pause answered at once by a resume keeps it running.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  type ApiErrorData,
  type MethodName,
  type MethodParams,
  type MethodResults,
} from '../../../engine/api/contract';
import type { TrainingEvent } from '../../../engine/api/events';
import { createApiBackend } from '../api-backend';
import { InferenceService } from '../inference/inference-service';
import { MAX_ENDED_SESSIONS, TrainingService } from './training-service';

const template = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/templates/${name}.json`, import.meta.url), 'utf8'));
const service = new TrainingService();
const inference = new InferenceService();
const backend = createApiBackend(service, inference);
/** Typed calls, the way the renderer's client makes them. */
const api = {
  handle: <M extends MethodName>(method: M, params: MethodParams<M>) =>
    backend.handle(method, params) as Promise<MethodResults[M]>,
};
afterAll(async () => {
  await service.disposeAll();
  inference.disposeAll();
});

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error instanceof ApiError ? error.data : ({ code: 'thrown' } as unknown as ApiErrorData),
  );

/** Threads of this process (Linux); undefined elsewhere. */
function threadCount(): number | undefined {
  try {
    const match = /^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function settle() {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('session lifecycle', () => {
  it(
    'frees workers and native models: 30 short sessions leave threads and memory near the baseline',
    { timeout: 240_000 },
    async () => {
      const mlp = template('mnist-mlp');
      // One session first, so the dataset, the addon and tsx are loaded before the baseline is taken.
      const warm = await service.start(mlp, { epochs: 1, limit: 200, threads: 1 });
      await warm.session.whenFinished();
      await settle();
      const baseThreads = threadCount();
      const baseRss = process.memoryUsage().rss;

      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const { session } = await service.start(mlp, { epochs: 1, limit: 200, threads: 1 });
        ids.push(session.id);
        await session.whenFinished();
        expect(session.currentState).toBe('completed');
      }
      await settle();
      const threads = threadCount();
      const rss = process.memoryUsage().rss;
      // Before: +60 threads and +1.1 GB over 30 sessions. A worker that is still winding down may
      // leave a few threads; a live worker per session would leave at least 30.
      if (baseThreads !== undefined && threads !== undefined) expect(threads - baseThreads).toBeLessThan(10);
      expect(rss - baseRss).toBeLessThan(300 * 1024 * 1024);

      // training.list keeps the most recent ended sessions only.
      const listed = await api.handle('training.list', {});
      expect(listed).toHaveLength(MAX_ENDED_SESSIONS);
      expect(listed.map((s) => s.sessionId)).toEqual(ids.slice(-MAX_ENDED_SESSIONS));
      expect(await errorOf(api.handle('training.status', { sessionId: ids[0] as string }))).toMatchObject({
        code: 'E_NOT_FOUND',
      });
    },
  );

  it('an ended session answers status, weights and predictions without a worker, until released', async () => {
    const { session } = await service.start(template('mnist-mlp'), { epochs: 1, limit: 500, threads: 1 });
    const sessionId = session.id;
    await session.whenFinished();
    expect(session.live).toBe(false);

    const status = await api.handle('training.status', { sessionId });
    expect(status.state).toBe('completed');
    expect(status.events.some((e) => e.type === 'completed')).toBe(true);
    const { tensors } = await api.handle('training.weights', { sessionId });
    expect(tensors.map((t) => t.name)).toContain('dense/kernel');

    const { probabilities } = await api.handle('training.predict', {
      sessionId,
      image: new Array(784).fill(0.5),
    });
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    // The same answer as the trained model loaded through inference.load would give.
    const again = await api.handle('training.predict', { sessionId, image: new Array(784).fill(0.5) });
    expect(again.probabilities).toEqual(probabilities);

    expect(await api.handle('training.release', { sessionId })).toEqual({});
    for (const method of ['training.status', 'training.weights', 'training.release'] as const)
      expect(await errorOf(api.handle(method, { sessionId }))).toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('refuses to release a live session, and predicts during training or says why not', async () => {
    const { session } = await service.start(template('mnist-cnn'), { epochs: 1, limit: 20000, threads: 1 });
    const sessionId = session.id;
    // Straight away (the model may not be built yet) and after the first batch: an answer or a state
    // error, never an internal one.
    const early = await api.handle('training.predict', { sessionId, image: new Array(784).fill(0) }).then(
      (r) => r.probabilities.length,
      (e: unknown) => (e as ApiError).data?.code ?? 'thrown',
    );
    expect([10, 'E_STATE']).toContain(early);
    await new Promise<void>((resolve) => {
      const off = session.onEvent((event) => {
        if (event.type === 'batch') {
          off();
          resolve();
        }
      });
    });
    const during = await api.handle('training.predict', { sessionId, image: new Array(784).fill(0) });
    expect(during.probabilities).toHaveLength(10);
    const refused = await errorOf(api.handle('training.release', { sessionId }));
    expect(refused).toMatchObject({ code: 'E_STATE' });
    expect(refused?.message).toMatch(/still running: stop it/);

    // Requests in flight while the session stops: each answers, from the worker or the final weights.
    const inFlight = Array.from({ length: 20 }, () =>
      errorOf(api.handle('training.predict', { sessionId, image: new Array(784).fill(0) })),
    );
    await api.handle('training.stop', { sessionId });
    expect(await Promise.all(inFlight)).toEqual(new Array(20).fill(undefined));
    await session.whenFinished();
    const after = await api.handle('training.predict', { sessionId, image: new Array(784).fill(0) });
    expect(after.probabilities).toHaveLength(10);
    await api.handle('training.release', { sessionId });
  });

  it('a pause answered at once by a resume leaves the session running', async () => {
    const { session } = await service.start(template('mnist-mlp'), { epochs: 2, limit: 20000, threads: 1 });
    const sessionId = session.id;
    const states: string[] = [];
    let batchesAfter = 0;
    let resumed = false;
    session.onEvent((event) => {
      if (event.type === 'state') states.push(event.state);
      if (event.type === 'batch' && resumed) batchesAfter++;
    });
    await new Promise<void>((resolve) => {
      const off = session.onEvent((event) => {
        if (event.type === 'batch') {
          off();
          resolve();
        }
      });
    });
    for (let i = 0; i < 5; i++) {
      await api.handle('training.pause', { sessionId });
      await api.handle('training.resume', { sessionId });
    }
    resumed = true;
    // Before, the resume was ignored (the worker had not reported 'paused' yet) and the run stayed
    // paused for good: this wait then times out.
    await session.whenFinished();
    expect(session.currentState).toBe('completed');
    expect(batchesAfter).toBeGreaterThan(0);
    expect(states.at(-1)).toBe('completed');
  });

  it('fails a run whose loss explodes but stays finite (SGD, lr 1e6), naming the layer that grew first, with the advice given for NaN', async () => {
    const { session } = await service.start(template('mnist-mlp'), {
      epochs: 1,
      limit: 2000,
      optimizer: { type: 'sgd', learning_rate: 1e6 },
      threads: 1,
    });
    const events: TrainingEvent[] = [];
    session.onEvent((event) => events.push(event));
    await session.whenFinished();
    expect(session.currentState).toBe('failed');
    expect(events.some((e) => e.type === 'completed')).toBe(false);
    const failed = events.find((e) => e.type === 'failed') as Extract<TrainingEvent, { type: 'failed' }>;
    // Its worker is gone too; predictions from the diverged weights are refused, not NaN.
    const refused = await errorOf(
      api.handle('training.predict', { sessionId: session.id, image: new Array(784).fill(0) }),
    );
    expect(refused).toMatchObject({ code: 'E_STATE', message: expect.stringMatching(/failed: its model/) });
    expect(failed.message).toMatch(
      /the (output|gradient) of layer '\w+' (became (NaN|Infinity)|grew \S+-fold since the first batch \(the loss reached \S+\)|overflowed since the first batch \(the loss reached \S+\)) at epoch 1, batch \d+: training diverged. The learning rate \(1000000\) is probably too high; try a lower one, such as 100000/,
    );
    // A layer is named whether the loss went NaN or exploded while finite.
    expect(failed.origin?.layer).toMatch(/^dense/);
  });
});
