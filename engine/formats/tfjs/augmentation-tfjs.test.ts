// The augmentation layers in TF.js: tfjs-layers 4.22 has no RandomFlip, RandomTranslation,
// RandomRotation, RandomZoom or RandomContrast class, so the export leaves them out (inference passes
// through them) and tf.loadLayersModel predicts what our core and the same model without them predict;
// a Keras 3 config holding them imports as our layers, and settings we do not compute are refused.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan, nativeModel } from '../../../worker-native/test-support/models';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import {
  AUGMENTATIONS,
  augmentedCnn,
  branched,
  withoutAugmentation,
} from '../augmentation-graphs.test-support';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

const PREDICT = 50;
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each([
  ['every augmentation in a row', augmentedCnn],
  ['augmentations inside branches', branched],
])('TF.js export, %s', (name, g) => {
  const { model, expected } = trainedWithPredictions(name, g, PREDICT);
  const result = exportTfjs(model);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const [jsonFile, binFile] = result.value;
  const json = JSON.parse(jsonFile?.data as string);
  const bin = binFile?.data as Uint8Array;
  const images = mnistSamples('t10k', 0, PREDICT).images;

  it('leaves the augmentation layers out of the topology', () => {
    const classes = json.modelTopology.model_config.config.layers.map(
      (l: { class_name: string }) => l.class_name,
    );
    expect(classes.filter((c: string) => AUGMENTATIONS.includes(c))).toEqual([]);
    const plain = compiledPlan(withoutAugmentation(g));
    expect(classes).toHaveLength(plain.nodes.length);
  });

  it('tf.loadLayersModel predicts our probabilities (1e-5)', async () => {
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    );
    const pixels = Float32Array.from(images, (v) => v / 255);
    const output = loaded.predict(tf.tensor(pixels, [PREDICT, 28, 28, 1])) as tf.Tensor;
    const predicted = output.dataSync() as Float32Array;
    const diff = predicted.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
    expect(predicted).toHaveLength(expected.length);
    console.log(`${name}: max |tfjs - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    output.dispose();
    loaded.dispose();
  });

  it('our core predicts exactly what the model without them predicts', () => {
    const plain = nativeModel(withoutAugmentation(g), {}, 1);
    const { tensors } = decodeWeights(compiledPlan(g), model.weights!);
    plain.setWeights(Object.fromEntries([...tensors].map(([n, t]) => [n, t.values])));
    expect(plain.predict(images)).toEqual(expected);
    plain.dispose();
  });

  it('import reads the export back without them (tfjs never saw them)', () => {
    const imported = importTfjs(json, { [binFile?.name as string]: bin });
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const types = compiledPlan(imported.value.graph).nodes.map((n) => n.type);
    expect(types).toEqual(compiledPlan(withoutAugmentation(g)).nodes.map((n) => n.type));
  });
});

// --- import from Keras 3 configs ---------------------------------------------------------------------

const common = { trainable: true, dtype: 'float32' };
const keras = (className: string, config: Record<string, unknown>) => ({
  class_name: className,
  config: { ...common, ...config },
});
const sequential = (layers: unknown[]) => ({
  modelTopology: {
    keras_version: '3.6.0',
    backend: 'tensorflow',
    model_config: {
      class_name: 'Sequential',
      config: {
        name: 'augmented',
        layers: [
          { class_name: 'InputLayer', config: { batch_shape: [null, 16, 16, 3], name: 'input_layer' } },
          ...layers,
          keras('Flatten', { name: 'flatten', data_format: 'channels_last' }),
        ],
      },
    },
  },
});

/** The configs Keras 3 writes for its augmentation layers (get_config), data_format included. */
const KERAS_AUGMENTATIONS = [
  keras('RandomFlip', { name: 'random_flip', mode: 'horizontal', seed: null, data_format: 'channels_last' }),
  keras('RandomTranslation', {
    name: 'random_translation',
    height_factor: 0.1,
    width_factor: [-0.2, 0.3],
    fill_mode: 'reflect',
    interpolation: 'bilinear',
    seed: 42,
    fill_value: 0.0,
    data_format: 'channels_last',
  }),
  keras('RandomRotation', {
    name: 'random_rotation',
    factor: [-0.1, 0.2],
    fill_mode: 'constant',
    interpolation: 'nearest',
    seed: null,
    fill_value: 0.5,
    data_format: 'channels_last',
  }),
  keras('RandomZoom', {
    name: 'random_zoom',
    height_factor: 0.2,
    width_factor: null,
    fill_mode: 'nearest',
    interpolation: 'bilinear',
    seed: null,
    fill_value: 0.0,
    data_format: 'channels_last',
  }),
  keras('RandomContrast', {
    name: 'random_contrast',
    factor: 0.3,
    value_range: [0, 255],
    seed: null,
    data_format: 'channels_last',
  }),
];

describe('TF.js import of Keras configs with augmentation layers', () => {
  it('reads each as our layer with its Keras params', () => {
    const imported = importTfjs(sequential(KERAS_AUGMENTATIONS), {});
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const nodes = compiledPlan(imported.value.graph).nodes.map((n) => [n.type, n.params]);
    expect(nodes.slice(1, 6)).toEqual([
      ['RandomFlip', { mode: 'horizontal', seed: null }],
      [
        'RandomTranslation',
        {
          height_factor: 0.1,
          width_factor: [-0.2, 0.3],
          fill_mode: 'reflect',
          interpolation: 'bilinear',
          seed: 42,
          fill_value: 0,
        },
      ],
      [
        'RandomRotation',
        { factor: [-0.1, 0.2], fill_mode: 'constant', interpolation: 'nearest', seed: null, fill_value: 0.5 },
      ],
      [
        'RandomZoom',
        {
          height_factor: 0.2,
          width_factor: null,
          fill_mode: 'nearest',
          interpolation: 'bilinear',
          seed: null,
          fill_value: 0,
        },
      ],
      ['RandomContrast', { factor: 0.3, value_range: [0, 255], seed: null }],
    ]);
  });

  it.each([
    [
      { fill_mode: 'wrap' },
      "fill_mode \"wrap\" is not supported: Layerwise fills with 'reflect', 'constant', 'nearest'",
    ],
    [{ interpolation: 'bicubic' }, 'interpolation "bicubic" is not supported'],
    [{ data_format: 'channels_first' }, 'data_format "channels_first" is not supported'],
  ])('refuses %j by name', (setting, message) => {
    const layer = keras('RandomRotation', { name: 'rot', factor: 0.1, ...setting });
    const imported = importTfjs(sequential([layer]), {});
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.issues[0]?.message).toContain(`layer 'rot' (RandomRotation): ${message}`);
  });
});
