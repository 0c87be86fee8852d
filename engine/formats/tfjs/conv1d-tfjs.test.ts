// TF.js export and import of the 1-D layers: models trained on MNIST rows load with tf.loadLayersModel
// and predict our probabilities (1e-5); export → import gives back the same graph and bit-identical
// weights; Keras 3 configs (one-element tuples, strides None) import; what Layerwise cannot compute
// (dilation, channels_first, keepdims) is refused naming the layer and the field.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan } from '../../../worker-native/test-support/models';
import { causalRows, SEQUENCE_GRAPHS } from '../../../worker-native/test-support/sequence-graphs';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import type { ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

const PREDICT = 100;

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

const RUNNABLE = SEQUENCE_GRAPHS.filter((c) => c.tfjs !== false);

describe('TF.js export of the 1-D layers', () => {
  const trained = new Map(RUNNABLE.map((c) => [c.name, trainedWithPredictions(c.name, c.graph, PREDICT)]));

  it.each(RUNNABLE)('$name: tf.loadLayersModel predicts our probabilities (1e-5)', async ({ name }) => {
    const { model, expected } = trained.get(name)!;
    const { json, bin } = exported(model);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    );
    const plan = compiledPlan(model.graph);
    const pixels = Float32Array.from(mnistSamples('t10k', 0, PREDICT).images, (v) => v / 255);
    const output = loaded.predict(tf.tensor(pixels, [PREDICT, ...plan.inputShape])) as tf.Tensor;
    const predicted = output.dataSync() as Float32Array;
    expect(predicted).toHaveLength(expected.length);
    const diff = predicted.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
    console.log(`TF.js ${name}: max |tfjs - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    output.dispose();
    loaded.dispose();
  });

  it.each(RUNNABLE)('$name: export → import gives the same graph and bit-identical weights', ({ name }) => {
    const { model } = trained.get(name)!;
    const { json, binName, bin } = exported(model);
    const imported = importTfjs(json, { [binName]: bin });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const before = compiledPlan(model.graph);
    const after = compiledPlan(imported.value.graph);
    const describe = (plan: ExecutionPlan) =>
      plan.nodes.map((n) => ({ type: n.type, name: n.name, params: n.params, shape: n.outputShape }));
    expect(describe(after)).toEqual(describe(before));
    const values = (plan: ExecutionPlan, m: ModelFile) =>
      [...decodeWeights(plan, m.weights!).tensors].map(([n, t]) => [n, Buffer.from(t.values.buffer)]);
    expect(values(after, imported.value)).toEqual(values(before, model));
  });
});

describe("TF.js export refuses Conv1D 'causal' padding (tfjs cannot run it)", () => {
  it('names the layer and the field, and writes nothing', () => {
    const { model } = trainedWithPredictions('causal', causalRows, 1);
    const result = exportTfjs(model);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.where, i.message])).toEqual(
      ['conv1d', 'conv1d_1'].map((name, i) => [
        'E_PARAM',
        { nodeId: `n${i + 1}`, field: 'padding' },
        `${name}: TensorFlow.js has no 'causal' padding for Conv1D: use 'valid' or 'same', or export Keras, ONNX or PyTorch`,
      ]),
    );
  });

  it("tfjs itself fails on the 'causal' config, which is why", () => {
    const layer = tf.layers.conv1d({ filters: 2, kernelSize: 3, padding: 'causal' });
    expect(() => layer.apply(tf.zeros([1, 5, 2]))).toThrow(
      /CAUSAL padding mode in conv1dWithBias is not implemented/,
    );
  });
});

const kerasLayer = (className: string, config: Record<string, unknown>) => ({
  class_name: className,
  config,
});
const sequential = (...layers: ReturnType<typeof kerasLayer>[]) => ({
  modelTopology: {
    class_name: 'Sequential',
    config: { layers: [kerasLayer('InputLayer', { name: 'rows', batch_shape: [null, 28, 28] }), ...layers] },
  },
});

describe('TF.js import of Keras 3 1-D layer configs', () => {
  it('reads one-element tuples and strides None as Keras 3 writes them', () => {
    const imported = importTfjs(
      sequential(
        kerasLayer('Conv1D', {
          name: 'conv',
          filters: 16,
          kernel_size: [5],
          strides: [2],
          padding: 'causal',
          data_format: 'channels_last',
          dilation_rate: [1],
          groups: 1,
          activation: 'relu',
          use_bias: false,
        }),
        kerasLayer('AveragePooling1D', { name: 'avg', pool_size: [3], strides: null, padding: 'valid' }),
        kerasLayer('MaxPooling1D', { name: 'max', pool_size: 2, strides: 1, padding: 'same' }),
        kerasLayer('GlobalMaxPooling1D', { name: 'gmp', data_format: 'channels_last', keepdims: false }),
      ),
      {},
    );
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const plan = compiledPlan(imported.value.graph);
    expect(plan.nodes.map((n) => [n.type, n.params, n.outputShape])).toEqual([
      ['InputLayer', { shape: [28, 28] }, [28, 28]],
      [
        'Conv1D',
        {
          filters: 16,
          kernel_size: 5,
          strides: 2,
          padding: 'causal',
          activation: 'relu',
          use_bias: false,
          kernel_initializer: 'glorot_uniform',
          bias_initializer: 'zeros',
          kernel_regularizer: null,
        },
        [14, 16],
      ],
      ['AveragePooling1D', { pool_size: 3, strides: null, padding: 'valid' }, [4, 16]],
      ['MaxPooling1D', { pool_size: 2, strides: 1, padding: 'same' }, [4, 16]],
      ['GlobalMaxPooling1D', {}, [16]],
    ]);
  });

  it.each([
    [
      'Conv1D',
      { filters: 2, kernel_size: 3, dilation_rate: [2] },
      'dilation_rate',
      /\[2\] is not supported: Layerwise convolutions are not dilated/,
    ],
    [
      'Conv1D',
      { filters: 2, kernel_size: 3, data_format: 'channels_first' },
      'data_format',
      /"channels_first" is not supported/,
    ],
    [
      'MaxPooling1D',
      { pool_size: 2, data_format: 'channels_first' },
      'data_format',
      /"channels_first" is not supported/,
    ],
    ['GlobalAveragePooling1D', { keepdims: true }, 'keepdims', /keepdims true is not supported/],
  ])('%s %j: a clear issue on that field', (className, config, field, message) => {
    const imported = importTfjs(sequential(kerasLayer(className, { name: 'layer', ...config })), {});
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.issues).toHaveLength(1);
    expect(imported.issues[0]?.where).toEqual({ nodeId: 'layer', field });
    expect(imported.issues[0]?.message).toMatch(message);
  });
});
