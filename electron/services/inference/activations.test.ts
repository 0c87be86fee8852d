// inference.activations through the API backend: every layer's output for one image, as the native
// core computes it, summarised within the payload bounds (channels, map sides, vector length), with
// errors that name what is wrong.
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../engine';
import {
  MAX_ACTIVATION_CHANNELS,
  MAX_ACTIVATION_VECTOR,
  type LayerActivation,
} from '../../../engine/api/contract';
import { chain } from '../../../engine/testing/graphs';
import { nativeModel } from '../../../worker-native/test-support/models';
import {
  mnistSamples,
  modelFileOf,
  templateGraph,
  trainedOnMnist,
} from '../../../worker-native/test-support/trained-mnist';
import { createApiBackend } from '../api-backend';
import { errorOf } from '../test-support';
import { TrainingService } from '../training/training-service';
import { InferenceService } from './inference-service';

const training = new TrainingService();
const inference = new InferenceService();
const backend = createApiBackend(training, inference);
afterAll(async () => {
  inference.disposeAll();
  await training.disposeAll();
});

async function load(model: unknown): Promise<string> {
  return ((await backend.handle('inference.load', { model })) as { modelId: string }).modelId;
}

async function activations(modelId: string, image: number[]): Promise<LayerActivation[]> {
  return (
    (await backend.handle('inference.activations', { modelId, image })) as { layers: LayerActivation[] }
  ).layers;
}

/** A model file of `graph` with its initial (seeded random) weights. */
function untrained(name: string, graph: Graph) {
  const native = nativeModel(graph);
  const file = modelFileOf(name, graph, native);
  native.dispose();
  return file;
}

describe('inference.activations', () => {
  const { native, model } = trainedOnMnist('mnist-cnn', templateGraph('mnist-cnn'), { batches: 5 });
  const image = Array.from(mnistSamples('t10k', 0, 1).images, (v) => v / 255);
  const direct = native.activations(Float32Array.from(image));
  afterAll(() => native.dispose());

  it("returns each layer of the seed CNN as the core computes it, ending in predict's probabilities", async () => {
    const modelId = await load(model);
    const layers = await activations(modelId, image);
    expect(layers.map((l) => [l.type, l.shape])).toEqual(direct.map((n) => [n.type, n.shape]));
    const conv = layers[1] as LayerActivation;
    expect(conv.maps).toMatchObject({ height: 26, width: 26, channels: 32 });
    expect(conv.maps?.data).toHaveLength(32);
    // Channel 5 of the first convolution, cell (y=10, x=13): channels-last in the core's buffer.
    const values = direct[1]?.values as Float32Array;
    expect(conv.maps?.data[5]?.[10 * 26 + 13]).toBe(values[(10 * 26 + 13) * 32 + 5]);
    const zeros = values.filter((v) => v === 0).length / values.length;
    expect(conv.stats.zeroFraction).toBeCloseTo(zeros, 10);
    expect(conv.stats.max).toBe(Math.max(...values));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(conv.stats.mean).toBeCloseTo(mean, 5);
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(conv.stats.std).toBeCloseTo(std, 5);
    const output = layers.at(-1) as LayerActivation;
    const { probabilities } = (await backend.handle('inference.predict', { modelId, images: [image] })) as {
      probabilities: number[][];
    };
    expect(output.vector?.length).toBe(10);
    output.vector?.data.forEach((p, k) => expect(p).toBeCloseTo(probabilities[0]?.[k] ?? NaN, 6));
  });

  it('keeps the payload bounded: channels, map sides and vector lengths', async () => {
    const graph = chain(
      [100, 100, 1],
      ['Conv2D', { filters: 80, kernel_size: 1 }],
      ['GlobalAveragePooling2D'],
      ['Dense', { units: 2000 }],
    );
    const modelId = await load(untrained('wide', graph));
    const [input, conv, pooled, dense] = await activations(modelId, new Array(10_000).fill(0.5));
    expect(input?.maps).toMatchObject({ height: 50, width: 50, channels: 1 });
    expect(input?.maps?.data[0]).toHaveLength(2500);
    expect(conv?.maps?.channels).toBe(80);
    expect(conv?.maps?.data).toHaveLength(MAX_ACTIVATION_CHANNELS);
    expect(pooled?.vector?.data).toHaveLength(80);
    expect(dense?.vector).toMatchObject({ length: 2000 });
    expect(dense?.vector?.data).toHaveLength(MAX_ACTIVATION_VECTOR);
  });

  it('refuses an image of the wrong size and an unknown model, naming them', async () => {
    const modelId = await load(model);
    const wrong = await errorOf(backend.handle('inference.activations', { modelId, image: [1, 2] }));
    expect([wrong.data.code, wrong.message]).toEqual([
      'E_BAD_REQUEST',
      'the image has 2 values; the model takes 784',
    ]);
    const unknown = await errorOf(backend.handle('inference.activations', { modelId: 'nope', image }));
    expect([unknown.data.code, unknown.message]).toEqual([
      'E_NOT_FOUND',
      "no loaded model 'nope': load it again",
    ]);
  });
});
