// TF.js export and import of DepthwiseConv2D, SeparableConv2D and Conv2DTranspose: models trained by our
// core load with tf.loadLayersModel and predict the same MNIST probabilities (1e-5); export → import gives
// the same graph and bit-identical weights; a model built and saved by tfjs itself imports and predicts
// what tfjs does; output_padding and dilation are refused naming the layer and the field.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan, nativeModel, randomFloats } from '../../../worker-native/test-support/models';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import type { ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { convVariantsMnist, convVariantsMnistRectangular } from '../conv-variants.test-support';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

const PREDICT = 100;

const cases = [
  { name: 'conv-variants', graph: convVariantsMnist },
  { name: 'conv-variants-rectangular', graph: convVariantsMnistRectangular },
];

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

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce(
    (max, v, i) => Math.max(max, Math.abs(v - (b[i] as number))),
    a.length === b.length ? 0 : Infinity,
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TF.js export of the depthwise, separable and transposed convolutions', () => {
  const trained = new Map(cases.map((c) => [c.name, trainedWithPredictions(c.name, c.graph, PREDICT)]));

  it.each(cases)('$name: tf.loadLayersModel predicts our probabilities (1e-5)', async ({ name }) => {
    const { model, expected } = trained.get(name)!;
    const { json, bin } = exported(model);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    );
    const pixels = Float32Array.from(mnistSamples('t10k', 0, PREDICT).images, (v) => v / 255);
    const output = loaded.predict(tf.tensor(pixels, [PREDICT, 28, 28, 1])) as tf.Tensor;
    expect(maxAbsDiff(output.dataSync() as Float32Array, expected)).toBeLessThan(1e-5);
    output.dispose();
    loaded.dispose();
  });

  it.each(cases)('$name: export → import gives the same graph and bit-identical weights', ({ name }) => {
    const { model } = trained.get(name)!;
    const { json, binName, bin } = exported(model);
    const imported = importTfjs(json, { [binName]: bin });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const [before, after] = [compiledPlan(model.graph), compiledPlan(imported.value.graph)];
    const describe = (plan: ExecutionPlan) =>
      plan.nodes.map((n) => ({ type: n.type, name: n.name, params: n.params, shape: n.outputShape }));
    expect(describe(after)).toEqual(describe(before));
    const values = (plan: ExecutionPlan, m: ModelFile) =>
      [...decodeWeights(plan, m.weights!).tensors].map(([n, t]) => [n, Buffer.from(t.values.buffer)]);
    expect(values(after, imported.value)).toEqual(values(before, model));
  });
});

describe('TF.js import of the depthwise, separable and transposed convolutions', () => {
  it('imports a model built and saved by tfjs and predicts what tfjs does', async () => {
    const input = tf.input({ shape: [9, 7, 3] });
    const layers = [
      tf.layers.depthwiseConv2d({
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        depthMultiplier: 2,
        activation: 'relu',
      }),
      tf.layers.separableConv2d({ filters: 4, kernelSize: [2, 3], padding: 'same', activation: 'tanh' }),
      tf.layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', useBias: false }),
      tf.layers.flatten(),
    ];
    const output = layers.reduce((x, layer) => layer.apply(x) as tf.SymbolicTensor, input);
    const reference = tf.model({ inputs: input, outputs: output });
    // Random biases too (tfjs starts them at zero), so every weight is checked.
    reference.setWeights(
      reference.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.5, 0.5, 'float32', i)),
    );
    let artifacts: tf.io.ModelArtifacts | undefined;
    await reference.save(
      tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: {} as never })),
    );
    const json = {
      modelTopology: artifacts?.modelTopology,
      weightsManifest: [{ paths: ['w.bin'], weights: artifacts?.weightSpecs }],
    };
    const imported = importTfjs(json, { 'w.bin': new Uint8Array(artifacts?.weightData as ArrayBuffer) });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    expect(imported.value.graph.nodes.map((n) => n.type)).toEqual([
      'InputLayer',
      'DepthwiseConv2D',
      'SeparableConv2D',
      'Conv2DTranspose',
      'Flatten',
    ]);
    const native = nativeModel(imported.value.graph);
    try {
      const decoded = decodeWeights(native.plan, imported.value.weights!);
      native.setWeights(Object.fromEntries([...decoded.tensors].map(([name, t]) => [name, t.values])));
      const x = randomFloats(4 * 9 * 7 * 3, 5);
      const expected = (
        reference.predict(tf.tensor(x, [4, 9, 7, 3])) as tf.Tensor
      ).dataSync() as Float32Array;
      expect(maxAbsDiff(native.predict(x), expected)).toBeLessThan(1e-5);
    } finally {
      native.dispose();
    }
  });

  const kerasLayer = (className: string, config: Record<string, unknown>) => ({
    class_name: className,
    config,
  });
  it.each([
    [
      'Conv2DTranspose',
      { filters: 2, kernel_size: 3, strides: 2, output_padding: [1, 1] },
      'output_padding',
      /output_padding \[1,1\] is not supported: Layerwise's Conv2DTranspose computes Keras' default output size/,
    ],
    [
      'Conv2DTranspose',
      { filters: 2, kernel_size: 3, dilation_rate: 2 },
      'dilation_rate',
      /dilation_rate 2 is not supported: Layerwise's Conv2DTranspose is not dilated/,
    ],
    [
      'DepthwiseConv2D',
      { kernel_size: 3, dilation_rate: [2, 2] },
      'dilation_rate',
      /\[2,2\] is not supported: Layerwise's DepthwiseConv2D is not dilated/,
    ],
    [
      'SeparableConv2D',
      { filters: 2, kernel_size: 3, data_format: 'channels_first' },
      'data_format',
      /"channels_first" is not supported/,
    ],
  ])('%s %j: a clear issue on that field', (className, config, field, message) => {
    const layers = [
      kerasLayer('InputLayer', { name: 'image', batch_input_shape: [null, 6, 6, 2] }),
      kerasLayer(className, { name: 'layer', ...config }),
    ];
    const imported = importTfjs({ modelTopology: { class_name: 'Sequential', config: { layers } } }, {});
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.issues).toHaveLength(1);
    expect(imported.issues[0]?.where).toEqual({ nodeId: 'layer', field });
    expect(imported.issues[0]?.message).toMatch(message);
    expect(imported.issues[0]?.message).toMatch(`layer 'layer' (${className})`);
  });
});
