// TF.js export and import of LayerNormalization, ZeroPadding2D, UpSampling2D and Cropping2D: a model
// trained by our core loads in tf.loadLayersModel and predicts our probabilities (1e-5); export → import
// gives the same graph and bit-identical weights; Keras' other spellings of the sides normalise; what
// Layerwise cannot compute is refused on the field. TF.js' upSampling2d 'bilinear' samples without
// half-pixel centers (Keras 3 uses them), so that mode round-trips but is not compared in tfjs.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan } from '../../../worker-native/test-support/models';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import type { ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { chain } from '../../testing/graphs';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

const PREDICT = 50;
const sides = (top: number, bottom: number, left: number, right: number) => [
  [top, bottom],
  [left, right],
];

const nearest = chain(
  [28, 28, 1],
  ['Cropping2D', { cropping: sides(2, 1, 0, 3) }],
  ['Conv2D', { filters: 4, kernel_size: 3, strides: 2, activation: 'relu' }],
  ['LayerNormalization'],
  ['UpSampling2D', { size: [2, 1] }],
  ['ZeroPadding2D', { padding: sides(1, 0, 2, 1) }],
  ['Conv2D', { filters: 2, kernel_size: 3, strides: 3 }],
  ['Flatten'],
  ['Dense', { units: 16 }],
  ['LayerNormalization', { center: false, epsilon: 0.01, gamma_initializer: 'he_normal' }],
  ['Dense', { units: 10, activation: 'softmax' }],
);
const bilinear = chain(
  [28, 28, 1],
  ['Conv2D', { filters: 2, kernel_size: 3, strides: 4 }],
  ['UpSampling2D', { interpolation: 'bilinear' }],
  ['LayerNormalization', { scale: false }],
  ['Flatten'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

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

describe('TF.js export of the spatial layers and LayerNormalization', () => {
  it('tf.loadLayersModel predicts our probabilities (1e-5)', async () => {
    const { model, expected } = trainedWithPredictions('spatial', nearest, PREDICT);
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
    const predicted = output.dataSync() as Float32Array;
    const diff = predicted.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
    console.log(`max |tfjs - native| = ${diff.toExponential(2)}`);
    expect(predicted).toHaveLength(expected.length);
    expect(diff).toBeLessThan(1e-5);
    // gamma then beta, as tfjs (and Keras) create them.
    const names = json.weightsManifest[0].weights.map((w: { name: string }) => w.name);
    expect(names.filter((n: string) => n.startsWith('layer_normalization/'))).toEqual([
      'layer_normalization/gamma',
      'layer_normalization/beta',
    ]);
    output.dispose();
    loaded.dispose();
  });

  it.each([
    ['nearest', nearest],
    ['bilinear', bilinear],
  ])('%s: export → import gives the same graph and bit-identical weights', (name, g) => {
    const { model } = trainedWithPredictions(name, g, 1);
    const { json, binName, bin } = exported(model);
    const imported = importTfjs(json, { [binName]: bin });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const describe = (plan: ExecutionPlan) =>
      plan.nodes.map((n) => ({ type: n.type, name: n.name, params: n.params, shape: n.outputShape }));
    const [before, after] = [compiledPlan(model.graph), compiledPlan(imported.value.graph)];
    expect(describe(after)).toEqual(describe(before));
    const values = (plan: ExecutionPlan, m: ModelFile) =>
      [...decodeWeights(plan, m.weights!).tensors].map(([n, t]) => [n, Buffer.from(t.values.buffer)]);
    expect(values(after, imported.value)).toEqual(values(before, model));
  });
});

const kerasLayer = (className: string, config: Record<string, unknown>) => ({
  class_name: className,
  config,
});

/** Imports InputLayer (6, 6, 2) → the layer; returns the layer's params or the issues. */
function importOne(className: string, config: Record<string, unknown>) {
  const layers = [
    kerasLayer('InputLayer', { name: 'image', batch_input_shape: [null, 6, 6, 2] }),
    kerasLayer(className, { name: 'layer', ...config }),
  ];
  const imported = importTfjs({ modelTopology: { class_name: 'Sequential', config: { layers } } }, {});
  if (!imported.ok) return { issues: imported.issues };
  const plan = compiledPlan(imported.value.graph);
  return { params: plan.nodes[1]?.params, shape: plan.outputShape };
}

describe('TF.js import of the spatial layers and LayerNormalization', () => {
  it.each([
    ['ZeroPadding2D', { padding: 2 }, { padding: sides(2, 2, 2, 2) }, [10, 10, 2]],
    ['ZeroPadding2D', { padding: [1, 0] }, { padding: sides(1, 1, 0, 0) }, [8, 6, 2]],
    [
      'Cropping2D',
      {
        cropping: [
          [0, 1],
          [2, 3],
        ],
      },
      { cropping: sides(0, 1, 2, 3) },
      [5, 1, 2],
    ],
    ['Cropping2D', { cropping: 1 }, { cropping: sides(1, 1, 1, 1) }, [4, 4, 2]],
    ['UpSampling2D', { size: [3, 2], interpolation: 'bilinear' }, { size: [3, 2] }, [18, 12, 2]],
    ['LayerNormalization', { axis: [3], epsilon: 0.01 }, { epsilon: 0.01 }, [6, 6, 2]],
    ['LayerNormalization', { axis: -1, center: false }, { center: false, scale: true }, [6, 6, 2]],
  ])('%s %j reads as our params', (className, config, params, shape) => {
    const result = importOne(className, config);
    expect(result.issues).toBeUndefined();
    expect(result.params).toMatchObject(params);
    expect(result.shape).toEqual(shape);
  });

  it.each([
    [
      'LayerNormalization',
      { axis: 1 },
      'axis',
      /axis 1 is not supported: Layerwise normalizes the last axis/,
    ],
    ['LayerNormalization', { axis: [1, 2] }, 'axis', /axis \[1,2\] is not supported/],
    ['LayerNormalization', { rms_scaling: true }, 'rms_scaling', /rms_scaling true is not supported/],
    ['UpSampling2D', { interpolation: 'bicubic' }, 'interpolation', /"bicubic" is not supported.*'bilinear'/],
    ['ZeroPadding2D', { data_format: 'channels_first' }, 'data_format', /'channels_last'/],
    ['Cropping2D', { data_format: 'channels_first' }, 'data_format', /'channels_last'/],
  ])('%s %j: a clear issue on that field', (className, config, field, message) => {
    const { issues } = importOne(className, config);
    expect(issues).toHaveLength(1);
    expect(issues?.[0]?.where).toEqual({ nodeId: 'layer', field });
    expect(issues?.[0]?.message).toMatch(message);
  });

  it('refuses cropping that leaves nothing, naming the layer and the field', () => {
    const { issues } = importOne('Cropping2D', {
      cropping: [
        [3, 3],
        [0, 0],
      ],
    });
    expect(issues?.[0]?.where).toMatchObject({ nodeId: 'layer', field: 'cropping' });
    expect(issues?.[0]?.message).toMatch(
      /cropping removes 6 rows and 0 columns from its 6x6 input, leaving nothing: crop less/,
    );
  });
});
