// TF.js export and import of the activation layers: a trained model using each of them loads in
// @tensorflow/tfjs and predicts our probabilities; export → import gives back the same layers, settings
// and bit-identical weights (ReLU with threshold and leak too, though tfjs itself runs only max_value);
// Keras 3 configs with any settings import as the real layers.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPlan } from '../../../worker-native/test-support/models';
import { mnistSamples, trainedWithPredictions } from '../../../worker-native/test-support/trained-mnist';
import type { ExecutionPlan } from '../../compile';
import { activationLayersCnn, TRAINED_ACTIVATION_CASES } from '../../layers/activation-layers.test-support';
import type { ModelFile } from '../../model-file';
import { decodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

const PREDICT = 50;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

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

const trained = new Map(
  TRAINED_ACTIVATION_CASES.map((c) => [c.name, trainedWithPredictions(c.name, c.graph, PREDICT)]),
);

describe('TF.js export of the activation layers', () => {
  it('tf.loadLayersModel predicts our probabilities (1e-5)', async () => {
    const { model, expected } = trained.get('activation layers cnn')!;
    const { json, bin } = exported(model);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    );
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(
      expect.arrayContaining(['ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'PReLU']),
    );
    const pixels = Float32Array.from(mnistSamples('t10k', 0, PREDICT).images, (v) => v / 255);
    const output = loaded.predict(tf.tensor(pixels, [PREDICT, 28, 28, 1])) as tf.Tensor;
    const predicted = output.dataSync() as Float32Array;
    const diff = predicted.reduce((max, v, i) => Math.max(max, Math.abs(v - (expected[i] as number))), 0);
    console.log(`activation layers cnn: max |tfjs - native| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    output.dispose();
    loaded.dispose();
  });

  it.each(TRAINED_ACTIVATION_CASES)(
    '$name: export → import gives the same layers and bit-identical weights',
    ({ name }) => {
      const { model } = trained.get(name)!;
      const { json, binName, bin } = exported(model);
      const imported = importTfjs(json, { [binName]: bin });
      if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
      const describe = (plan: ExecutionPlan) =>
        plan.nodes.map((n) => ({ type: n.type, name: n.name, params: n.params, inputs: n.inputs }));
      const [before, after] = [compiledPlan(model.graph), compiledPlan(imported.value.graph)];
      expect(describe(after)).toEqual(describe(before));
      const values = (plan: ExecutionPlan, m: ModelFile) =>
        [...decodeWeights(plan, m.weights!).tensors].map(([n, t]) => [n, Buffer.from(t.values.buffer)]);
      expect(values(after, imported.value)).toEqual(values(before, model));
    },
  );

  it('writes the Keras configs tfjs and Keras read (LeakyReLU as alpha, PReLU with its initializer)', () => {
    const { json } = exported(trained.get('activation layers cnn')!.model);
    const configs = json.modelTopology.model_config.config.layers.map(
      (l: { class_name: string; config: Record<string, unknown> }) => [l.class_name, l.config],
    );
    const find = (className: string) => configs.find(([c]: [string]) => c === className)?.[1];
    expect(find('ReLU')).toMatchObject({ max_value: 1.5, negative_slope: 0, threshold: 0 });
    expect(find('LeakyReLU')).toMatchObject({ alpha: 0.1 });
    expect(find('ELU')).toMatchObject({ alpha: 1 });
    expect(find('Softmax')).toMatchObject({ axis: -1 });
    expect(find('PReLU')).toMatchObject({
      alpha_initializer: { class_name: 'Ones', config: {} },
      shared_axes: [1, 2],
    });
    expect(activationLayersCnn.nodes.map((n) => n.type)).toContain('PReLU');
  });
});

describe('TF.js import of Keras 3 activation layers', () => {
  it('reads ReLU, LeakyReLU (negative_slope), ELU, Softmax and PReLU with their settings', () => {
    const layer = (className: string, name: string, config: Record<string, unknown>, input: string) => ({
      class_name: className,
      config: { name, trainable: true, dtype: 'float32', ...config },
      name,
      inbound_nodes: [[[input, 0, 0, {}]]],
    });
    const modelJson = {
      modelTopology: {
        class_name: 'Functional',
        config: {
          name: 'acts',
          layers: [
            {
              class_name: 'InputLayer',
              config: { name: 'in', batch_input_shape: [null, 4, 4, 3] },
              name: 'in',
              inbound_nodes: [],
            },
            layer('ReLU', 'relu6', { max_value: 6, negative_slope: 0, threshold: 0 }, 'in'),
            layer('ReLU', 'thresholded', { max_value: null, negative_slope: 0.1, threshold: 0.5 }, 'relu6'),
            layer('LeakyReLU', 'leaky', { negative_slope: 0.01 }, 'thresholded'),
            layer('ELU', 'elu', { alpha: 0.5 }, 'leaky'),
            layer('Softmax', 'soft', { axis: [2] }, 'elu'),
            layer(
              'PReLU',
              'prelu',
              {
                alpha_initializer: { class_name: 'Constant', config: { value: 0.25 } },
                alpha_regularizer: null,
                alpha_constraint: null,
                shared_axes: [1, 2],
              },
              'soft',
            ),
          ],
          input_layers: [['in', 0, 0]],
          output_layers: [['prelu', 0, 0]],
        },
      },
    };
    const imported = importTfjs(modelJson, {});
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('\n'));
    const plan = compiledPlan(imported.value.graph);
    expect(plan.nodes.slice(1).map((n) => [n.name, n.type, n.params])).toEqual([
      ['relu6', 'ReLU', { max_value: 6, negative_slope: 0, threshold: 0 }],
      ['thresholded', 'ReLU', { max_value: null, negative_slope: 0.1, threshold: 0.5 }],
      ['leaky', 'LeakyReLU', { negative_slope: 0.01 }],
      ['elu', 'ELU', { alpha: 0.5 }],
      ['soft', 'Softmax', { axis: 2 }],
      // Constant is not one of ours: the default initializer stands in (it only matters from scratch).
      ['prelu', 'PReLU', { alpha_initializer: 'zeros', shared_axes: [1, 2] }],
    ]);
    expect(plan.nodes.at(-1)?.weights.map((w) => w.shape)).toEqual([[1, 1, 3]]);
  });

  it("joins a Dense and its '<dense>_leaky_relu' only when the slope is leaky_relu's 0.2", () => {
    const sequential = (alpha: number) => ({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 3] } },
            { class_name: 'LeakyReLU', config: { name: 'd_leaky_relu', alpha } },
          ],
        },
      },
    });
    const layers = (alpha: number) => {
      const imported = importTfjs(sequential(alpha), {});
      if (!imported.ok) throw new Error(imported.issues[0]?.message);
      return imported.value.graph.nodes.map((n) => [n.name, n.type, n.params]);
    };
    expect(layers(0.2).slice(1)).toEqual([['d', 'Dense', { units: 4, activation: 'leaky_relu' }]]);
    expect(layers(0.1).slice(1)).toEqual([
      ['d', 'Dense', { units: 4 }],
      ['d_leaky_relu', 'LeakyReLU', { negative_slope: 0.1 }],
    ]);
  });

  it('refuses what Layerwise cannot compute, naming the layer and field', () => {
    const topology = (className: string, config: Record<string, unknown>) => ({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 3] } },
            { class_name: className, config: { name: 'x', ...config } },
          ],
        },
      },
    });
    const issues = (className: string, config: Record<string, unknown>) => {
      const imported = importTfjs(topology(className, config), {});
      return imported.ok ? [] : imported.issues.map((i) => [i.where.nodeId, i.where.field, i.message]);
    };
    expect(issues('Softmax', { axis: [1, 2] })).toEqual([
      ['x', 'axis', expect.stringMatching(/Softmax normalizes along one axis/)],
    ]);
    expect(issues('Softmax', { axis: 2 })).toEqual([
      ['x', 'axis', expect.stringMatching(/cannot normalize along axis 2/)],
    ]);
    expect(issues('PReLU', { shared_axes: [2] })).toEqual([
      ['x', 'shared_axes', expect.stringMatching(/shared_axes \[2\] name an axis/)],
    ]);
    expect(issues('ReLU', { max_value: -1 })).toEqual([['x', 'max_value', expect.any(String)]]);
  });
});
