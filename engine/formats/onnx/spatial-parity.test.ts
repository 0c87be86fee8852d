// ONNX export of LayerNormalization, ZeroPadding2D, UpSampling2D and Cropping2D against our native core:
// onnxruntime must predict what NativeModel.predict does (max abs difference ≤ 1e-4), with random
// weights and inputs, on values in either layout (after a Conv2D they are channels-first in ONNX, the
// input and Dense outputs channels-last), and on a model trained on MNIST.
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { mnistSamples, modelFileOf, trainedOnMnist } from '../../../worker-native/test-support/trained-mnist';
import type { NativeModel } from '../../../worker-native/lib/native-model';
import type { Graph } from '../../graph';
import type { ModelFile } from '../../model-file';
import { shapeSize } from '../../shape';
import { chain } from '../../testing/graphs';
import { exportOnnx } from './index';

const TOLERANCE = 1e-4;
const SAMPLES = 20;
const maxDiffs: Record<string, number> = {};

const conv = { filters: 3, kernel_size: 3, padding: 'same' };
const sides = (top: number, bottom: number, left: number, right: number) => [
  [top, bottom],
  [left, right],
];

const RANDOM_CASES: { name: string; graph: Graph }[] = [
  {
    name: 'LayerNormalization on features, a sequence, and channels-first channels',
    graph: chain(
      [6, 5, 2],
      ['Conv2D', conv],
      ['LayerNormalization'],
      ['Reshape', { target_shape: [10, 9] }],
      ['LayerNormalization', { epsilon: 0.1 }],
      ['Flatten'],
      ['Dense', { units: 8 }],
      ['LayerNormalization', { center: false }],
      ['Dense', { units: 4, activation: 'softmax' }],
    ),
  },
  {
    name: 'LayerNormalization without gamma, without either, on channels-last channels',
    graph: chain(
      [4, 4, 3],
      ['LayerNormalization', { scale: false }],
      ['Conv2D', conv],
      ['LayerNormalization', { scale: false, center: false }],
    ),
  },
  {
    name: 'ZeroPadding2D and Cropping2D channels-last, then channels-first',
    graph: chain(
      [5, 6, 2],
      ['ZeroPadding2D', { padding: sides(0, 2, 3, 1) }],
      ['Cropping2D', { cropping: sides(1, 0, 2, 3) }],
      ['Conv2D', conv],
      ['ZeroPadding2D'],
      ['Cropping2D', { cropping: [2, 1] }],
    ),
  },
  {
    name: 'UpSampling2D nearest and bilinear, channels-last and channels-first',
    graph: chain(
      [3, 4, 2],
      ['UpSampling2D', { size: [2, 3] }],
      ['Conv2D', conv],
      ['UpSampling2D', { interpolation: 'bilinear' }],
      ['Conv2D', { filters: 2, kernel_size: 1 }],
      ['UpSampling2D', { size: [3, 1], interpolation: 'bilinear' }],
      ['Conv2D', conv],
      ['UpSampling2D', { size: 2 }],
    ),
  },
  {
    name: 'UpSampling2D bilinear on the input (channels-last, transposed for Resize)',
    graph: chain([5, 3, 1], ['UpSampling2D', { size: [4, 2], interpolation: 'bilinear' }]),
  },
];

// A small encoder-decoder with every new layer, trained so its weights have moved.
const trainedGraph = chain(
  [28, 28, 1],
  ['Cropping2D', { cropping: 2 }],
  ['Conv2D', { filters: 4, kernel_size: 3, strides: 2, activation: 'relu' }],
  ['LayerNormalization'],
  ['UpSampling2D', { interpolation: 'bilinear' }],
  ['ZeroPadding2D', { padding: sides(1, 0, 0, 1) }],
  ['Conv2D', { filters: 2, kernel_size: 3, strides: 3 }],
  ['UpSampling2D'],
  ['Flatten'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

function randomized(name: string, g: Graph) {
  const native = nativeModel(g, {}, 1);
  let seed = 10;
  const weights: Record<string, Float32Array> = {};
  for (const w of native.plan.nodes.flatMap((n) => n.weights)) {
    const positive = w.name.endsWith('gamma');
    weights[w.name] = randomFloats(w.size, seed++, positive ? 0.5 : -1, positive ? 1.5 : 1);
  }
  native.setWeights(weights);
  const x = randomFloats(SAMPLES * native.inputSize, 3, 0, 1);
  return { native, x, model: modelFileOf(name, g, native) };
}

async function expectParity(
  label: string,
  setup: { native: NativeModel; x: Float32Array; model: ModelFile },
) {
  const result = exportOnnx(setup.model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const session = await ort.InferenceSession.create(result.value[0]?.data as Uint8Array);
  const plan = setup.native.plan;
  const input = new ort.Tensor('float32', setup.x, [
    setup.x.length / shapeSize(plan.inputShape),
    ...plan.inputShape,
  ]);
  const actual = (await session.run({ input })).probabilities?.data as Float32Array;
  await session.release();
  const expected = setup.native.predict(setup.x);
  setup.native.dispose();
  expect(actual.length).toBe(expected.length);
  const diff = actual.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
  maxDiffs[label] = diff;
  expect(diff).toBeLessThanOrEqual(TOLERANCE);
}

describe('ONNX export of the spatial layers and LayerNormalization (onnxruntime)', () => {
  afterAll(() => {
    if (process.env.ONNX_PARITY_REPORT) console.table(maxDiffs);
  });

  it.each(RANDOM_CASES)('$name: random weights and inputs', async ({ name, graph: g }) => {
    await expectParity(name, randomized(name, g));
  });

  it('trained encoder-decoder: 100 MNIST test images', async () => {
    const { native, model } = trainedOnMnist('spatial', trainedGraph, { batches: 30 });
    const x = Float32Array.from(mnistSamples('t10k', 0, 100).images, (p) => p / 255);
    await expectParity('trained', { native, x, model });
  }, 60_000);
});
