// ONNX export against our native core: trained and random models run through onnxruntime must predict
// what NativeModel.predict does (max abs difference ≤ 1e-4), for every layer type and activation.
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { NativeModel } from '../../../worker-native/lib/native-model';
import { compiledPlan, nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import type { ExecutionPlan, Graph } from '../../index';
import type { ModelFile } from '../../model-file';
import { shapeSize } from '../../shape';
import { exportOnnx } from './index';
import {
  mnistSamples,
  modelFileOf,
  templateGraph,
  trainedOnMnist,
} from '../../../worker-native/test-support/trained-mnist';
import { batchNormCnn, branches, RANDOM_CASES } from './parity-graphs.test-support';

const TOLERANCE = 1e-4;
const SAMPLES = 100;
const maxDiffs: Record<string, number> = {};

/** Trained for `batches` batches of 32 MNIST training images, so weights and BN statistics have moved. */
function trained(name: string, g: Graph, batches = 100) {
  const { native, model } = trainedOnMnist(name, g, { batches });
  const x = Float32Array.from(mnistSamples('t10k', 0, SAMPLES).images, (p) => p / 255);
  return { native, x, model };
}

/** Random weights of both signs (positive variances and scales) and random inputs in [0, 1]. */
function randomized(name: string, g: Graph) {
  const native = nativeModel(g, {}, 1);
  let seed = 10;
  const weights: Record<string, Float32Array> = {};
  for (const w of native.plan.nodes.flatMap((n) => n.weights)) {
    const positive = /(moving_variance|gamma)$/.test(w.name);
    weights[w.name] = randomFloats(w.size, seed++, positive ? 0.5 : -1, positive ? 1.5 : 1);
  }
  native.setWeights(weights);
  const x = randomFloats(SAMPLES * native.inputSize, 3, 0, 1);
  return { native, x, model: modelFileOf(name, g, native) };
}

async function onnxPredict(bytes: Uint8Array, x: Float32Array, plan: ExecutionPlan): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const input = new ort.Tensor('float32', x, [x.length / shapeSize(plan.inputShape), ...plan.inputShape]);
  const outputs = await session.run({ input });
  await session.release();
  return outputs.probabilities?.data as Float32Array;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - (b[i] as number))), 0);
}

interface Setup {
  readonly native: NativeModel;
  readonly x: Float32Array;
  readonly model: ModelFile;
}

async function expectParity(label: string, setup: Setup) {
  const result = exportOnnx(setup.model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const [file] = result.value;
  const actual = await onnxPredict(file?.data as Uint8Array, setup.x, setup.native.plan);
  const expected = setup.native.predict(setup.x);
  setup.native.dispose();
  const diff = maxAbsDiff(actual, expected);
  maxDiffs[label] = diff;
  expect(diff).toBeLessThanOrEqual(TOLERANCE);
}

// The templates, and small graphs for what they do not use, trained on MNIST.
const trainedCases: { name: string; graph: Graph }[] = [
  { name: 'mnist-mlp template', graph: templateGraph('mnist-mlp') },
  { name: 'mnist-cnn template', graph: templateGraph('mnist-cnn') },
  { name: 'lenet5 template', graph: templateGraph('lenet5') },
  { name: 'Conv, BatchNormalization (image and vector), pooling', graph: batchNormCnn },
  { name: 'Add, Concatenate (channels, height), Dropout branches', graph: branches },
];

describe('ONNX export parity with the native core (onnxruntime)', () => {
  afterAll(() => {
    if (process.env.ONNX_PARITY_REPORT) console.table(maxDiffs);
  });

  it.each(trainedCases)(
    'trained $name: 100 MNIST test images',
    async ({ name, graph: g }) => {
      await expectParity(name, trained(name, g));
    },
    60_000,
  );

  it.each(RANDOM_CASES)('$name: random weights and inputs', async ({ name, graph: g }) => {
    await expectParity(name, randomized(name, g));
  });

  it('training moved the BatchNormalization statistics away from their initial values', () => {
    const setup = trained('bn', batchNormCnn, 20);
    const weights = setup.native.getWeights();
    setup.native.dispose();
    expect(weights['batch_normalization/moving_mean']?.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    expect(weights['batch_normalization/moving_variance']?.some((v) => Math.abs(v - 1) > 1e-3)).toBe(true);
  });

  it('uses graphs that compile', () => {
    for (const { graph: g } of [...trainedCases, ...RANDOM_CASES])
      expect(() => compiledPlan(g)).not.toThrow();
  });
});
