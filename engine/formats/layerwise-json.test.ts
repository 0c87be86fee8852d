// Our JSON export: inline, sidecar and architecture-only; a saved and reopened model predicts bit for
// bit the same; damaged weights are refused naming the tensor.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nativeModel, randomFloats, randomLabels } from '../../worker-native/test-support/models';
import { graph } from '../testing/graphs';
import { compileGraph } from '../compile';
import { parseModelFile, readModel, type ModelFile } from '../model-file';
import { exportLayerwiseJson } from './layerwise-json';
import { decodeWeights, encodeWeights } from './weights';

const template = (name: string): ModelFile => {
  const loaded = readModel(JSON.parse(readFileSync(`assets/templates/${name}.json`, 'utf8')));
  if (!loaded.ok) throw new Error(name);
  return loaded.model;
};

/** A model with a BatchNormalization layer, trained a few steps so no weight is at its initial value. */
function trainedModel(): ModelFile {
  const g = graph(
    [
      ['in', 'InputLayer', { shape: [28, 28, 1] }],
      ['f', 'Flatten'],
      ['d', 'Dense', { units: 32, activation: 'relu' }],
      ['bn', 'BatchNormalization'],
      ['out', 'Dense', { units: 10, activation: 'softmax' }],
    ],
    ['in->f', 'f->d', 'd->bn', 'bn->out'],
  );
  const native = nativeModel(g, { optimizer: { type: 'adam', learning_rate: 0.01 } });
  for (let step = 0; step < 5; step++)
    native.trainBatch(randomFloats(16 * 784, step, 0, 1), randomLabels(16, 10, step));
  const plan = compileGraph(g);
  if (!plan.ok) throw new Error('plan');
  const weights = encodeWeights(plan.plan, new Map(Object.entries(native.getWeights())));
  native.dispose();
  return { format: 'layerwise-model', version: 2, name: 'bn model', graph: g, weights };
}

function predictions(model: ModelFile, sidecar?: Uint8Array): Float32Array {
  const compiled = compileGraph(model.graph);
  if (!compiled.ok || model.weights === undefined) throw new Error('not a trained model');
  const { tensors, issues } = decodeWeights(compiled.plan, model.weights, sidecar);
  expect(issues).toEqual([]);
  const native = nativeModel(model.graph);
  native.setWeights(Object.fromEntries([...tensors].map(([name, t]) => [name, t.values])));
  const out = native.predict(randomFloats(8 * 784, 99, 0, 1));
  native.dispose();
  return out;
}

const reopen = (text: string | Uint8Array): ModelFile => {
  const parsed = parseModelFile(typeof text === 'string' ? text : new TextDecoder().decode(text));
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.model;
};

describe('Layerwise JSON export', () => {
  const model = trainedModel();
  const expected = predictions(model);

  it('inline: save → open predicts bit for bit the same', () => {
    const result = exportLayerwiseJson(model, { weights: 'inline' });
    if (!result.ok) throw new Error('export failed');
    expect(result.value.map((f) => f.name)).toEqual(['bn_model.layerwise.json']);
    expect(predictions(reopen(result.value[0]!.data))).toEqual(expected);
  });

  it('sidecar: the JSON names the .bin, and both together predict bit for bit the same', () => {
    const result = exportLayerwiseJson(model, { weights: 'sidecar' });
    if (!result.ok) throw new Error('export failed');
    const [json, bin] = result.value;
    expect(bin?.name).toMatch(/^bn_model\.[0-9a-f]{8}\.weights\.bin$/);
    const reopened = reopen(json!.data);
    expect(reopened.weights?.file).toBe(bin?.name);
    expect(reopened.weights?.tensors.every((t) => t.data === undefined && t.byteOffset !== undefined)).toBe(
      true,
    );
    expect(predictions(reopened, bin!.data as Uint8Array)).toEqual(expected);
  });

  it('architecture only drops the weights and keeps the rest', () => {
    const cnn = template('mnist-cnn');
    const result = exportLayerwiseJson({ ...cnn, weights: model.weights! }, { weights: 'none' });
    if (!result.ok) throw new Error('export failed');
    expect(reopen(result.value[0]!.data)).toEqual(cnn);
  });

  it.each([
    ['a missing tensor', (m: ModelFile) => m.weights!.tensors.slice(1), /no tensor 'dense\/kernel'/],
    [
      'a tensor of the wrong shape',
      (m: ModelFile) => m.weights!.tensors.map((t, i) => (i === 0 ? { ...t, shape: [10, 10] } : t)),
      /shape \[10,10\], the layer needs \[784,32\]/,
    ],
    [
      'truncated data',
      (m: ModelFile) => m.weights!.tensors.map((t, i) => (i === 1 ? { ...t, data: 'AAAA' } : t)),
      /'dense\/bias' holds 3 bytes, the layer needs 32 float32 values/,
    ],
    [
      'a tensor no layer uses',
      (m: ModelFile) => [...m.weights!.tensors, { name: 'ghost/kernel', shape: [1], data: 'AAAAAA==' }],
      /'ghost\/kernel' that no layer uses/,
    ],
  ])('refuses %s, naming the tensor', (_what, damage, message) => {
    const damaged = { ...model, weights: { dtype: 'float32' as const, tensors: damage(model) } };
    const result = exportLayerwiseJson(damaged, { weights: 'inline' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.message).join('\n')).toMatch(message);
  });
});
