// ONNX export of DepthwiseConv2D (Conv, group = channels), SeparableConv2D (grouped Conv + 1x1 Conv)
// and Conv2DTranspose (ConvTranspose with TF's 'same' crop as pads, output_padding for kernels shorter
// than the stride) against our native core in onnxruntime: max abs difference ≤ 1e-4, trained on MNIST
// and with random weights.
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { mnistSamples, modelFileOf, trainedOnMnist } from '../../../worker-native/test-support/trained-mnist';
import type { Graph } from '../../graph';
import { shapeSize } from '../../shape';
import { CONV_VARIANT_CASES, convVariantsMnist } from '../conv-variants.test-support';
import { exportOnnx } from './index';

const TOLERANCE = 1e-4;
const SAMPLES = 50;
const maxDiffs: Record<string, number> = {};

async function expectParity(label: string, g: Graph, trained: boolean) {
  const setup = trained ? trainedOnMnist(label, g, { batches: 30 }) : undefined;
  const native = setup?.native ?? nativeModel(g, {}, 1);
  try {
    if (!trained) {
      let seed = 10;
      const weights: Record<string, Float32Array> = {};
      for (const w of native.plan.nodes.flatMap((n) => n.weights))
        weights[w.name] = randomFloats(w.size, seed++, -1, 1);
      native.setWeights(weights);
    }
    const x = trained
      ? Float32Array.from(mnistSamples('t10k', 0, SAMPLES).images, (p) => p / 255)
      : randomFloats(SAMPLES * native.inputSize, 3, 0, 1);
    const exported = exportOnnx(setup?.model ?? modelFileOf(label, g, native));
    if (!exported.ok) throw new Error(exported.issues.map((i) => i.message).join('\n'));
    const session = await ort.InferenceSession.create(exported.value[0]?.data as Uint8Array);
    const plan = native.plan;
    const input = new ort.Tensor('float32', x, [x.length / shapeSize(plan.inputShape), ...plan.inputShape]);
    const actual = (await session.run({ input })).probabilities?.data as Float32Array;
    await session.release();
    const expected = native.predict(x);
    expect(actual.length).toBe(expected.length);
    const diff = actual.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
    maxDiffs[label] = diff;
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  } finally {
    native.dispose();
  }
}

describe('ONNX export of the depthwise, separable and transposed convolutions (onnxruntime)', () => {
  afterAll(() => {
    if (process.env.ONNX_PARITY_REPORT) console.table(maxDiffs);
  });

  it('trained on MNIST: 50 test images', async () => {
    await expectParity('conv variants on MNIST', convVariantsMnist, true);
  }, 60_000);

  it.each(CONV_VARIANT_CASES)('$name: random weights and inputs', async ({ name, graph }) => {
    await expectParity(name, graph, false);
  });
});
