// ONNX export of the 1-D layers against our native core: Conv (1-D kernel_shape, explicit TF 'same'
// pads), MaxPool / AveragePool on (N, channels, steps), ReduceMean / ReduceMax over the steps. Trained
// on MNIST rows and with random weights, onnxruntime must predict what NativeModel.predict does (1e-4).
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { NativeModel } from '../../../worker-native/lib/native-model';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { SEQUENCE_GRAPHS } from '../../../worker-native/test-support/sequence-graphs';
import { mnistSamples, modelFileOf, trainedOnMnist } from '../../../worker-native/test-support/trained-mnist';
import type { Graph } from '../../index';
import type { ModelFile } from '../../model-file';
import { shapeSize } from '../../shape';
import { exportOnnx } from './index';

const SAMPLES = 100;

function trained(name: string, g: Graph) {
  const { native, model } = trainedOnMnist(name, g, { batches: 50 });
  const x = Float32Array.from(mnistSamples('t10k', 0, SAMPLES).images, (p) => p / 255);
  return { native, x, model };
}

function randomized(name: string, g: Graph) {
  const native = nativeModel(g, {}, 1);
  let seed = 10;
  const weights: Record<string, Float32Array> = {};
  for (const w of native.plan.nodes.flatMap((n) => n.weights))
    weights[w.name] = randomFloats(w.size, seed++, -1, 1);
  native.setWeights(weights);
  const x = randomFloats(SAMPLES * native.inputSize, 3, 0, 1);
  return { native, x, model: modelFileOf(name, g, native) };
}

async function maxDiff({ native, x, model }: { native: NativeModel; x: Float32Array; model: ModelFile }) {
  const result = exportOnnx(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const session = await ort.InferenceSession.create(result.value[0]?.data as Uint8Array);
  const shape = native.plan.inputShape;
  const outputs = await session.run({
    input: new ort.Tensor('float32', x, [x.length / shapeSize(shape), ...shape]),
  });
  await session.release();
  const actual = outputs.probabilities?.data as Float32Array;
  const expected = native.predict(x);
  native.dispose();
  expect(actual).toHaveLength(expected.length);
  return actual.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
}

describe('ONNX export of the 1-D layers (onnxruntime)', () => {
  it.each(SEQUENCE_GRAPHS)(
    'trained $name: 100 MNIST test images',
    async ({ name, graph: g }) => {
      const diff = await maxDiff(trained(name, g));
      console.log(`ONNX trained ${name}: max |onnxruntime - native| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-4);
    },
    60_000,
  );

  it.each(SEQUENCE_GRAPHS)('$name: random weights and inputs', async ({ name, graph: g }) => {
    const diff = await maxDiff(randomized(name, g));
    console.log(`ONNX random ${name}: max |onnxruntime - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
  });
});
