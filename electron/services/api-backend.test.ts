// The API as any transport carries it: requests are checked against the contract before anything runs,
// user errors come back as ApiError data, and training events stream with their session id.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../engine/api/contract';
import { errorOf } from './test-support';
import { createApiBackend } from './api-backend';
import { TrainingService } from './training/training-service';

const training = new TrainingService();
const backend = createApiBackend(training);
afterAll(() => training.disposeAll());
const template = JSON.parse(
  readFileSync(new URL('../../assets/templates/mnist-mlp.json', import.meta.url), 'utf8'),
);

describe('API backend', () => {
  it.each([
    ['an unknown method', 'training.explode', {}, "unknown method 'training.explode'"],
    ['a missing field', 'training.pause', {}, 'training.pause: sessionId:'],
    ['an extra field', 'app.info', { admin: true }, 'app.info:'],
    [
      'a wrong type',
      'datasets.images',
      { dataset: 'mnist', split: 'test', indices: ['0'] },
      'datasets.images: indices.0:',
    ],
    [
      'a bad run setting',
      'training.start',
      { model: template, run: { epochs: -1 } },
      'training.start: run.epochs:',
    ],
    ['a constructor-named method', 'constructor', {}, "unknown method 'constructor'"],
  ])('rejects %s before running anything', async (_name, method, params, message) => {
    const error = await errorOf(backend.handle(method, params));
    expect(error.data.code).toBe('E_BAD_REQUEST');
    expect(error.message).toContain(message);
  });

  it('answers app.info and lists the datasets with their availability', async () => {
    expect(await backend.handle('app.info', {})).toMatchObject({
      version: '0.1.0',
      platform: process.platform,
    });
    const datasets = (await backend.handle('datasets.list', {})) as {
      id: string;
      available: boolean;
      shape: number[];
    }[];
    expect(datasets.find((d) => d.id === 'mnist')).toMatchObject({ available: true, shape: [28, 28, 1] });
  });

  it('serves dataset images as base64 pixels with their labels', async () => {
    const images = (await backend.handle('datasets.images', {
      dataset: 'mnist',
      split: 'train',
      indices: [0, 1],
    })) as { pixels: string; labels: number[] };
    expect(images.labels).toEqual([5, 0]);
    expect(Buffer.from(images.pixels, 'base64').length).toBe(2 * 784);
    const error = await errorOf(
      backend.handle('datasets.images', { dataset: 'mnist', split: 'test', indices: [10_000] }),
    );
    expect(error.message).toContain('image 10000 does not exist');
  });

  it('returns the engine issues of an invalid model', async () => {
    const broken = structuredClone(template);
    broken.graph.nodes[2].params.units = 0;
    const error = await errorOf(backend.handle('training.start', { model: broken }));
    expect(error.data.code).toBe('E_INVALID_MODEL');
    expect(error.data.issues?.[0]).toMatchObject({
      code: 'E_PARAM',
      where: { nodeId: 'dense', field: 'units' },
    });
  });

  it('runs a session: events with its id, status, predictions, weights; unknown ids are E_NOT_FOUND', async () => {
    const events: ApiEvent[] = [];
    const off = backend.onEvent((event) => events.push(event));
    const { sessionId } = (await backend.handle('training.start', {
      model: template,
      run: { epochs: 1, limit: 800, threads: 1 },
    })) as { sessionId: string };
    await training.get(sessionId).whenFinished();
    off();
    expect(events.every((e) => e.sessionId === sessionId)).toBe(true);
    expect(events.map((e) => e.event.type)).toContain('completed');
    const status = (await backend.handle('training.status', { sessionId })) as {
      state: string;
      events: { type: string }[];
      run: { epochs: number };
    };
    expect(status.state).toBe('completed');
    expect(status.run.epochs).toBe(1);
    expect(status.events.map((e) => e.type)).toContain('epoch');
    const { probabilities } = (await backend.handle('training.predict', {
      sessionId,
      image: new Array(784).fill(0),
    })) as { probabilities: number[] };
    expect(probabilities).toHaveLength(10);
    expect(
      (await errorOf(backend.handle('training.predict', { sessionId, image: [1, 2] }))).message,
    ).toContain('needs 784 values, got 2');
    const { tensors } = (await backend.handle('training.weights', { sessionId })) as {
      tensors: { name: string; data: string }[];
    };
    expect(tensors.map((t) => t.name)).toEqual([
      'dense/kernel',
      'dense/bias',
      'dense_1/kernel',
      'dense_1/bias',
    ]);
    expect(Buffer.from(tensors[1]?.data ?? '', 'base64').length).toBe(128 * 4);
    expect((await errorOf(backend.handle('training.stop', { sessionId: 'nope' }))).data.code).toBe(
      'E_NOT_FOUND',
    );
  });
});
