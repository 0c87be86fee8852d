// ONNX export of the merge and regularization group against our native core with onnxruntime: Mul, Sub,
// Mean, Max and Min, and Identity for SpatialDropout2D, GaussianNoise and ActivityRegularization (they
// act only while training); trained on MNIST and with random weights, max abs difference ≤ 1e-4.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { mnistSamples, modelFileOf, trainedOnMnist } from '../../../worker-native/test-support/trained-mnist';
import type { NativeModel } from '../../../worker-native/lib/native-model';
import type { ModelFile } from '../../model-file';
import { mergeRegularizationGraph } from '../merge-regularization.test-support';
import { exportOnnx } from './index';
import { all, messages, readMessage, text } from './protobuf-reader.test-support';

/** `op_type name` of every node of an exported model (ModelProto.graph 7, GraphProto.node 1, NodeProto
 *  name 3 and op_type 4). */
function opTypes(model: ModelFile): string[] {
  const result = exportOnnx(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const [g] = messages(readMessage(result.value[0]?.data as Uint8Array), 7);
  return messages(g!, 1).map((node) => `${text(all(node, 4)[0])} ${text(all(node, 3)[0])}`);
}

const SAMPLES = 64;

async function maxAbsDiffToOnnx(native: NativeModel, model: ModelFile, x: Float32Array) {
  const result = exportOnnx(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const bytes = result.value[0]?.data as Uint8Array;
  const session = await ort.InferenceSession.create(bytes);
  const input = new ort.Tensor('float32', x, [x.length / 784, 28, 28, 1]);
  const actual = (await session.run({ input })).probabilities?.data as Float32Array;
  await session.release();
  const expected = native.predict(x);
  expect(actual).toHaveLength(expected.length);
  return actual.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
}

describe('ONNX export of the merge and regularization layers (onnxruntime)', () => {
  it('maps each layer to its ONNX op: 3-input Multiply as two Mul, variadic Mean, Max, Min; Identity', () => {
    const g = mergeRegularizationGraph();
    const native = nativeModel(g, {}, 1);
    const ops = opTypes(modelFileOf('merge-regularization', g, native));
    native.dispose();
    const count = (op: string) => ops.filter((o) => o.startsWith(`${op} `)).length;
    expect(['Mul', 'Sub', 'Mean', 'Max', 'Min'].map(count)).toEqual([2, 1, 1, 1, 1]);
    expect(ops).toEqual(
      expect.arrayContaining([
        'Identity spatial_dropout2d',
        'Identity gaussian_noise',
        'Identity activity_regularization',
      ]),
    );
  });

  it('trained 60 MNIST batches: same probabilities (1e-4)', async () => {
    const g = mergeRegularizationGraph();
    const { native, model } = trainedOnMnist('merge-regularization', g, { batches: 60 });
    const x = Float32Array.from(mnistSamples('t10k', 0, SAMPLES).images, (p) => p / 255);
    const diff = await maxAbsDiffToOnnx(native, model, x);
    native.dispose();
    console.log(`ONNX merge/regularization, trained: max |onnxruntime - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
  }, 60_000);

  it('random weights of both signs: same probabilities (1e-4)', async () => {
    const g = mergeRegularizationGraph();
    const native = nativeModel(g, {}, 1);
    let seed = 10;
    const weights: Record<string, Float32Array> = {};
    for (const w of native.plan.nodes.flatMap((n) => n.weights))
      weights[w.name] = randomFloats(w.size, seed++, -1, 1);
    native.setWeights(weights);
    const x = randomFloats(SAMPLES * 784, 3, 0, 1);
    const diff = await maxAbsDiffToOnnx(native, modelFileOf('merge-regularization', g, native), x);
    native.dispose();
    console.log(`ONNX merge/regularization, random: max |onnxruntime - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
  });
});
