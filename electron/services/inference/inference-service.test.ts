// Predictions from a model file with weights, without a training session: the same probabilities the
// session gave, a bounded number of loaded models, and clear errors for models without fitting weights.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { errorOf } from '../test-support';
import { createApiBackend } from '../api-backend';
import { TrainingService } from '../training/training-service';
import { InferenceService, MAX_LOADED_MODELS } from './inference-service';

const training = new TrainingService();
const inference = new InferenceService();
const backend = createApiBackend(training, inference);
afterAll(async () => {
  inference.disposeAll();
  await training.disposeAll();
});
const mlp = JSON.parse(
  readFileSync(new URL('../../../assets/templates/mnist-mlp.json', import.meta.url), 'utf8'),
);

async function trainedModel() {
  const { sessionId } = (await backend.handle('training.start', {
    model: mlp,
    run: { epochs: 1, limit: 600, threads: 1 },
  })) as { sessionId: string };
  await training.get(sessionId).whenFinished();
  const { tensors } = (await backend.handle('training.weights', { sessionId })) as {
    tensors: { name: string; shape: number[]; data: string }[];
  };
  return { sessionId, model: { ...mlp, weights: { dtype: 'float32', tensors } } };
}

describe('inference without a session', () => {
  it('predicts what the training session predicted, for several images at once', async () => {
    const { sessionId, model } = await trainedModel();
    const images = [new Array(784).fill(0), Array.from({ length: 784 }, (_, i) => (i % 7) / 7)];
    const { modelId, inputShape, outputShape } = (await backend.handle('inference.load', { model })) as {
      modelId: string;
      inputShape: number[];
      outputShape: number[];
    };
    expect([inputShape, outputShape]).toEqual([[28, 28, 1], [10]]);
    const { probabilities } = (await backend.handle('inference.predict', { modelId, images })) as {
      probabilities: number[][];
    };
    for (const [i, image] of images.entries()) {
      const fromSession = (await backend.handle('training.predict', { sessionId, image })) as {
        probabilities: number[];
      };
      expect(probabilities[i]).toHaveLength(10);
      probabilities[i]?.forEach((p, k) => expect(p).toBeCloseTo(fromSession.probabilities[k] ?? NaN, 6));
    }
    await backend.handle('inference.release', { modelId });
    const gone = await errorOf(backend.handle('inference.predict', { modelId, images }));
    expect(gone.data.code).toBe('E_NOT_FOUND');
  });

  it('keeps at most a few models loaded, releasing the least recently used', async () => {
    const { model } = await trainedModel();
    const ids: string[] = [];
    for (let i = 0; i < MAX_LOADED_MODELS + 2; i++)
      ids.push(((await backend.handle('inference.load', { model })) as { modelId: string }).modelId);
    expect(inference.size).toBe(MAX_LOADED_MODELS);
    const image = [new Array(784).fill(0)];
    expect(
      (await errorOf(backend.handle('inference.predict', { modelId: ids[0], images: image }))).data.code,
    ).toBe('E_NOT_FOUND');
    await expect(
      backend.handle('inference.predict', { modelId: ids.at(-1), images: image }),
    ).resolves.toBeDefined();
  });

  it.each([
    ['a model without weights', () => mlp, "the model 'mnist_mlp' has no weights: train it first"],
    [
      'weights that no longer fit the graph',
      (m: Record<string, unknown>) => ({
        ...m,
        graph: {
          ...mlp.graph,
          nodes: mlp.graph.nodes.map((n: { type: string; params?: object }) =>
            n.type === 'Dense' && (n.params as { units?: number })?.units === 128
              ? { ...n, params: { ...n.params, units: 64 } }
              : n,
          ),
        },
      }),
      'the weights do not fit',
    ],
    ['a file that is not a model', () => ({ format: 'keras' }), 'the model file has problems'],
  ])('refuses %s with a clear message', async (_name, make, message) => {
    const { model } = await trainedModel();
    const error = await errorOf(backend.handle('inference.load', { model: make(model) }));
    expect(error.data.code).toBe('E_INVALID_MODEL');
    expect(error.message).toContain(message);
  });

  it('refuses an image of the wrong size, naming it', async () => {
    const { model } = await trainedModel();
    const { modelId } = (await backend.handle('inference.load', { model })) as { modelId: string };
    const error = await errorOf(
      backend.handle('inference.predict', { modelId, images: [new Array(784).fill(0), [1, 2]] }),
    );
    expect(error.message).toBe('image 1 has 2 values; the model takes 784');
  });
});
