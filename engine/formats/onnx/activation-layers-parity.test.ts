// ONNX export of the activation layers (ReLU → Relu / Clip / LeakyRelu or elementwise ops, LeakyReLU,
// ELU, Softmax on any axis, PReLU) against our native core, run through onnxruntime: trained MNIST
// models and small random ones must predict the same (max abs difference ≤ 1e-4).
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { mnistSamples, modelFileOf, trainedOnMnist } from '../../../worker-native/test-support/trained-mnist';
import type { Graph } from '../../index';
import {
  RANDOM_ACTIVATION_CASES,
  TRAINED_ACTIVATION_CASES,
} from '../../layers/activation-layers.test-support';
import { shapeSize } from '../../shape';
import { exportOnnx } from './index';

const TOLERANCE = 1e-4;
const SAMPLES = 50;
const maxDiffs: Record<string, number> = {};

function trained(name: string, g: Graph) {
  const { native, model } = trainedOnMnist(name, g, { batches: 60 });
  const x = Float32Array.from(mnistSamples('t10k', 0, SAMPLES).images, (p) => p / 255);
  return { native, x, model };
}

/** Random weights of both signs (PReLU slopes included) and random inputs in [0, 1]. */
function randomized(name: string, g: Graph) {
  const native = nativeModel(g, {}, 1);
  let seed = 10;
  const weights: Record<string, Float32Array> = {};
  for (const w of native.plan.nodes.flatMap((n) => n.weights)) weights[w.name] = randomFloats(w.size, seed++);
  native.setWeights(weights);
  const x = randomFloats(SAMPLES * native.inputSize, 3, 0, 1);
  return { native, x, model: modelFileOf(name, g, native) };
}

async function expectParity(label: string, setup: ReturnType<typeof randomized>) {
  const result = exportOnnx(setup.model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const plan = setup.native.plan;
  const session = await ort.InferenceSession.create(result.value[0]?.data as Uint8Array);
  const count = setup.x.length / shapeSize(plan.inputShape);
  const input = new ort.Tensor('float32', setup.x, [count, ...plan.inputShape]);
  const actual = (await session.run({ input })).probabilities?.data as Float32Array;
  await session.release();
  const expected = setup.native.predict(setup.x);
  setup.native.dispose();
  expect(actual.length).toBe(expected.length);
  const diff = actual.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
  maxDiffs[label] = diff;
  expect(diff).toBeLessThanOrEqual(TOLERANCE);
}

describe('ONNX export of the activation layers (onnxruntime)', () => {
  afterAll(() => {
    if (process.env.ONNX_PARITY_REPORT) console.table(maxDiffs);
  });

  it.each(TRAINED_ACTIVATION_CASES)(
    'trained $name: MNIST test images',
    async ({ name, graph: g }) => {
      await expectParity(name, trained(name, g));
    },
    60_000,
  );

  it.each(RANDOM_ACTIVATION_CASES)('$name: random weights and inputs', async ({ name, graph: g }) => {
    await expectParity(name, randomized(name, g));
  });

  it('writes the plain ReLU settings as single ops and the general one from elementwise ops', () => {
    const opsOf = (g: Graph) => {
      const setup = randomized('ops', g);
      setup.native.dispose();
      const result = exportOnnx(setup.model);
      if (!result.ok) throw new Error('export');
      // Op types appear in the protobuf as plain strings.
      return Buffer.from(result.value[0]?.data as Uint8Array).toString('latin1');
    };
    const find = RANDOM_ACTIVATION_CASES.find.bind(RANDOM_ACTIVATION_CASES);
    expect(opsOf(find((c) => c.name === 'ReLU capped (Clip) on a vector')!.graph)).toContain('Clip');
    expect(opsOf(find((c) => c.name === 'ReLU leaky (LeakyRelu) on a vector')!.graph)).toContain('LeakyRelu');
    const general = opsOf(find((c) => c.name.startsWith('ReLU threshold above the cap'))!.graph);
    for (const op of ['Greater', 'Where', 'Clip', 'Sub', 'Mul']) expect(general).toContain(op);
  });
});
