// "Continue training" through the API and a real worker: an edited model starts from its earlier
// weights where they fit. The continued run is paused before its first batch, so its weights are
// exactly what the worker started from.
import { afterAll, describe, expect, it } from 'vitest';
import type { WeightTensorData } from '../../../engine/api/contract';
import type { StartedEvent, TrainingEvent } from '../../../engine/api/events';
import type { Graph } from '../../../engine/graph';
import { base64ToBytes } from '../../../engine/formats/weights';
import { chain } from '../../../engine/testing/graphs';
import { createApiBackend } from '../api-backend';
import { errorOf } from '../test-support';
import { TrainingService } from './training-service';

const training = new TrainingService();
const backend = createApiBackend(training);
afterAll(() => training.disposeAll());

const run = { epochs: 1, limit: 512, batch_size: 64, validation_split: 0, threads: 1 };
const modelOf = (graph: Graph, weights?: WeightTensorData[]) => ({
  format: 'layerwise-model',
  version: 2,
  name: 'continued',
  graph,
  ...(weights === undefined ? {} : { weights: { dtype: 'float32', tensors: weights } }),
});

/** Starts a run, collecting its events from the very first one. */
async function start(params: object) {
  const { sessionId } = (await backend.handle('training.start', params)) as { sessionId: string };
  const session = training.get(sessionId);
  const events: TrainingEvent[] = [];
  session.onEvent((event) => events.push(event));
  return { sessionId, session, events };
}

async function weightsOf(sessionId: string): Promise<Map<string, { shape: number[]; values: Float32Array }>> {
  const { tensors } = (await backend.handle('training.weights', { sessionId })) as {
    tensors: WeightTensorData[];
  };
  return new Map(
    tensors.map((t) => [
      t.name,
      { shape: [...t.shape], values: new Float32Array(base64ToBytes(t.data).buffer) },
    ]),
  );
}

describe('continue training after an edit', () => {
  it('keeps exactly the weights of unchanged layers and initialises changed and new ones', async () => {
    // dense (32) -> dense_1 (16) -> dense_2 (16) -> dense_3 (10)
    const original = chain(
      [28, 28, 1],
      ['Flatten'],
      ['Dense', { units: 32, activation: 'relu' }],
      ['Dense', { units: 16, activation: 'relu' }],
      ['Dense', { units: 16, activation: 'relu' }],
      ['Dense', { units: 10, activation: 'softmax' }],
    );
    const first = await start({ model: modelOf(original), run });
    await first.session.whenFinished();
    expect(first.session.currentState).toBe('completed');
    // Training from scratch (the default) says nothing about continuing.
    expect(first.events.find((e) => e.type === 'started')).not.toHaveProperty('continued');
    const trained = await weightsOf(first.sessionId);
    const { tensors } = (await backend.handle('training.weights', { sessionId: first.sessionId })) as {
      tensors: WeightTensorData[];
    };

    // The edit: dense_1 gets 24 units (so dense_2's input grows too), and a BatchNormalization goes
    // between dense_2 and dense_3 (added last in the node list, as the editor adds it).
    const edited: Graph = {
      nodes: [
        ...original.nodes.map((n) =>
          n.id === 'n3' ? { ...n, params: { units: 24, activation: 'relu' } } : n,
        ),
        { id: 'bn', type: 'BatchNormalization' },
      ],
      edges: [
        ...original.edges.filter((e) => e.target !== 'n5'),
        { source: 'n4', target: 'bn' },
        { source: 'bn', target: 'n5' },
      ],
    };
    const next = await start({ model: modelOf(edited, tensors), run, weights: 'matching' });
    // Paused before the worker has even built its model, it pauses before its first batch (a stop
    // could instead end a worker still starting up on a busy machine, with no weights to read).
    await backend.handle('training.pause', { sessionId: next.sessionId });
    await new Promise<void>((resolve) => next.session.onEvent((e) => e.type === 'state' && resolve()));
    expect(next.session.currentState).toBe('paused');
    const now = await weightsOf(next.sessionId);
    await backend.handle('training.stop', { sessionId: next.sessionId });
    await next.session.whenFinished();
    expect(next.events.some((e) => e.type === 'batch')).toBe(false); // no step was taken

    const started = next.events.find((e): e is StartedEvent => e.type === 'started');
    expect(started?.continued).toEqual({
      kept: ['dense', 'dense_3'],
      initialised: ['dense_1', 'dense_2', 'batch_normalization'],
    });
    for (const name of ['dense/kernel', 'dense/bias', 'dense_3/kernel', 'dense_3/bias'])
      expect(now.get(name)?.values, name).toEqual(trained.get(name)?.values);
    // Initialised afresh: Glorot-uniform kernels within their limit, zero biases, BN's identity start.
    const kernel = now.get('dense_1/kernel');
    expect(kernel?.shape).toEqual([32, 24]);
    const limit = Math.sqrt(6 / (32 + 24));
    expect(kernel?.values.every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(new Set(kernel?.values).size).toBeGreaterThan(32 * 24 * 0.9);
    expect(now.get('dense_1/bias')?.values.every((v) => v === 0)).toBe(true);
    expect(now.get('dense_2/kernel')?.shape).toEqual([24, 16]);
    expect(now.get('batch_normalization/gamma')?.values.every((v) => v === 1)).toBe(true);
    expect(now.get('batch_normalization/moving_variance')?.values.every((v) => v === 1)).toBe(true);
  }, 60_000); // a run training for real: slow when other test files load the CPU

  it('refuses to continue a model file that has no weights', async () => {
    const graph = chain([28, 28, 1], ['Flatten'], ['Dense', { units: 10, activation: 'softmax' }]);
    const error = await errorOf(
      backend.handle('training.start', { model: modelOf(graph), run, weights: 'matching' }),
    );
    expect(error.data.code).toBe('E_BAD_REQUEST');
    expect(error.message).toContain('no weights to continue from');
  });

  it('refuses an unreadable kept tensor, naming it', async () => {
    const graph = chain([28, 28, 1], ['Flatten'], ['Dense', { units: 10, activation: 'softmax' }]);
    const weights = [
      { name: 'dense/kernel', shape: [784, 10], data: 'AAAA' },
      { name: 'dense/bias', shape: [10], data: 'AAAA' },
    ];
    const error = await errorOf(
      backend.handle('training.start', { model: modelOf(graph, weights), run, weights: 'matching' }),
    );
    expect(error.data.code).toBe('E_INVALID_MODEL');
    expect(error.message).toContain("tensor 'dense/kernel' holds 3 bytes");
  });
});
