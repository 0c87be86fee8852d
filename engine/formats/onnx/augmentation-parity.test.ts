// The augmentation layers in ONNX: an inference graph, so they add no node at all (the next op reads
// their input), and onnxruntime predicts what our core predicts (1e-4) for models trained with them.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compiledPlan } from '../../../worker-native/test-support/models';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import { augmentedCnn, branched, withoutAugmentation } from '../augmentation-graphs.test-support';
import type { ModelFile } from '../../model-file';
import { encodeWeights, decodeWeights } from '../weights';
import { exportOnnx } from './index';
import { messages, readMessage, text } from './protobuf-reader.test-support';

const PREDICT = 50;

function onnxBytes(model: ModelFile): Uint8Array {
  const result = exportOnnx(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.value[0]?.data as Uint8Array;
}

/** [op_type, name] of every node (ModelProto.graph = 7, GraphProto.node = 1, NodeProto name 3, op 4). */
function onnxNodes(bytes: Uint8Array): string[][] {
  const [graphProto] = messages(readMessage(bytes), 7);
  return messages(graphProto!, 1).map((n) => [text(n.get(4)?.[0]), text(n.get(3)?.[0])]);
}

describe.each([
  ['every augmentation in a row', augmentedCnn],
  ['augmentations inside branches', branched],
])('ONNX export, %s', (name, g) => {
  const { model, expected } = trainedWithPredictions(name, g, PREDICT);
  const bytes = onnxBytes(model);

  it('has exactly the nodes of the model without them', () => {
    const plain = withoutAugmentation(g);
    const plan = compiledPlan(g);
    const { tensors } = decodeWeights(plan, model.weights!);
    const plainModel: ModelFile = {
      ...model,
      graph: plain,
      weights: encodeWeights(compiledPlan(plain), new Map([...tensors].map(([n, t]) => [n, t.values]))),
    };
    const nodes = onnxNodes(bytes);
    expect(nodes.some(([, node]) => node?.startsWith('random_'))).toBe(false);
    expect(nodes).toEqual(onnxNodes(onnxBytes(plainModel)));
  });

  it('onnxruntime predicts our probabilities (1e-4)', async () => {
    const x = Float32Array.from(mnistSamples('t10k', 0, PREDICT).images, (p) => p / 255);
    const session = await ort.InferenceSession.create(bytes);
    const outputs = await session.run({ input: new ort.Tensor('float32', x, [PREDICT, 28, 28, 1]) });
    await session.release();
    const predicted = outputs.probabilities?.data as Float32Array;
    expect(predicted).toHaveLength(expected.length);
    const diff = predicted.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
    console.log(`${name}: max |onnxruntime - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-4);
  });
});
