// TF.js export and import of the merge and regularization group: tf.loadLayersModel runs the exported
// Multiply, Average, Maximum, Minimum and GaussianNoise and predicts our probabilities; export → import
// gives back the same graph and bit-identical weights for every layer of the group, those tfjs itself
// cannot load included (NOT_IN_TFJS: Keras has them, tfjs has no Subtract, SpatialDropout2D or
// ActivityRegularization layer).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan, nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import type { ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { mergeRegularizationGraph, NOT_IN_TFJS } from '../merge-regularization.test-support';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

const PREDICT = 64;

function exported(model: ModelFile) {
  const result = exportTfjs(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const [json, bin] = result.value;
  return {
    json: JSON.parse(json?.data as string),
    binName: bin?.name as string,
    bin: bin?.data as Uint8Array,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TF.js export and import of the merge and regularization layers', () => {
  it('tf.loadLayersModel predicts our probabilities (1e-5)', async () => {
    const { model, expected } = trainedWithPredictions(
      'tfjs',
      mergeRegularizationGraph({ tfjsOnly: true }),
      PREDICT,
    );
    const { json, bin } = exported(model);
    const classes = json.modelTopology.model_config.config.layers.map(
      (l: { class_name: string }) => l.class_name,
    );
    expect(classes).toEqual(
      expect.arrayContaining(['Multiply', 'Average', 'Maximum', 'Minimum', 'GaussianNoise']),
    );
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    );
    const pixels = Float32Array.from(mnistSamples('t10k', 0, PREDICT).images, (v) => v / 255);
    const output = loaded.predict(tf.tensor(pixels, [PREDICT, 28, 28, 1])) as tf.Tensor;
    const predicted = output.dataSync() as Float32Array;
    const diff = predicted.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
    console.log(`TF.js merges: max |tfjs - native| = ${diff.toExponential(2)}`);
    expect(predicted).toHaveLength(expected.length);
    expect(diff).toBeLessThan(1e-5);
    output.dispose();
    loaded.dispose();
  }, 60_000);

  it('export → import gives the same graph and bit-identical weights', () => {
    const { model } = trainedWithPredictions('round trip', mergeRegularizationGraph(), 1);
    const { json, binName, bin } = exported(model);
    const imported = importTfjs(json, { [binName]: bin });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const describe = (plan: ExecutionPlan) =>
      plan.nodes.map((n) => ({
        type: n.type,
        name: n.name,
        params: n.params,
        inputs: n.inputs.map((i) => plan.nodes[i]?.name),
      }));
    const [before, after] = [compiledPlan(model.graph), compiledPlan(imported.value.graph)];
    const types = new Set(before.nodes.map((n) => n.type));
    for (const type of [...NOT_IN_TFJS, 'Multiply', 'Average', 'Maximum', 'Minimum', 'GaussianNoise'])
      expect(types.has(type), type).toBe(true);
    expect(describe(after)).toEqual(describe(before));
    const values = (plan: ExecutionPlan, m: ModelFile) =>
      [...decodeWeights(plan, m.weights!).tensors].map(([n, t]) => [n, Buffer.from(t.values.buffer)]);
    expect(values(after, imported.value)).toEqual(values(before, model));
  }, 60_000);

  it('imports a model tfjs made with its merge layers and GaussianNoise; our core predicts what tfjs does', async () => {
    const input = tf.input({ shape: [6] });
    const dense = (units: number, activation: 'tanh' | 'relu' | 'softmax') =>
      tf.layers.dense({ units, activation }).apply(input) as tf.SymbolicTensor;
    const [a, b, c] = [dense(5, 'tanh'), dense(5, 'relu'), dense(5, 'tanh')];
    const apply = (layer: tf.layers.Layer, inputs: tf.SymbolicTensor[]) =>
      layer.apply(inputs) as tf.SymbolicTensor;
    const product = apply(tf.layers.multiply(), [a, b, c]);
    const mean = apply(tf.layers.average(), [product, c]);
    const high = apply(tf.layers.maximum(), [mean, a]);
    const low = apply(tf.layers.minimum(), [high, b, c]);
    const noisy = tf.layers.gaussianNoise({ stddev: 0.4 }).apply(low) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(noisy) as tf.SymbolicTensor;
    const made = tf.model({ inputs: input, outputs: output });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await made.save(
      tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: {} as never })),
    );
    const weightData = new Uint8Array(artifacts!.weightData as ArrayBuffer);
    const modelJson = {
      modelTopology: artifacts!.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts!.weightSpecs }],
    };
    const imported = importTfjs(modelJson, { 'weights.bin': weightData });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const types = imported.value.graph.nodes.map((n) => n.type);
    expect(types).toEqual(
      expect.arrayContaining(['Multiply', 'Average', 'Maximum', 'Minimum', 'GaussianNoise']),
    );
    expect(imported.value.graph.nodes.find((n) => n.type === 'GaussianNoise')?.params).toMatchObject({
      stddev: 0.4,
    });

    const plan = compiledPlan(imported.value.graph);
    const native = nativeModel(imported.value.graph);
    native.setWeights(
      Object.fromEntries(
        [...decodeWeights(plan, imported.value.weights!).tensors].map(([n, t]) => [n, t.values]),
      ),
    );
    const x = randomFloats(8 * 6, 21);
    const expected = (made.predict(tf.tensor2d(x, [8, 6])) as tf.Tensor).dataSync() as Float32Array;
    const actual = native.predict(x);
    native.dispose();
    const diff = actual.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
    console.log(`TF.js-made merges imported: max |native - tfjs| = ${diff.toExponential(2)}`);
    expect(actual).toHaveLength(expected.length);
    expect(diff).toBeLessThan(1e-5);
  });
});
