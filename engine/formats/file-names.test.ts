// File names per format: every format's files are named after the model and tagged with the format, so
// exporting every format into one folder overwrites nothing, and each Python script names the weights
// file that was written beside it.
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import type { ModelFile } from '../model-file';
import { chain } from '../testing/graphs';
import { exportFileNames, fileBase } from './file-names';
import { EXPORT_FORMATS, exportModel, type ExportFormatId } from '.';
import { encodeWeights } from './weights';

const architecture: ModelFile = {
  format: 'layerwise-model',
  version: 2,
  name: 'My net',
  graph: chain([28, 28, 1], ['Flatten'], ['Dense', { units: 10, activation: 'softmax' }]),
};

/** The model with weights (values do not matter here, only that there are some). */
function withWeights(model: ModelFile): ModelFile {
  const compiled = compileGraph(model.graph);
  if (!compiled.ok) throw new Error('the test graph does not compile');
  const values = new Map(
    compiled.plan.nodes.flatMap((n) => n.weights.map((w) => [w.name, new Float32Array(w.size).fill(0.5)])),
  );
  return { ...model, weights: encodeWeights(compiled.plan, values) };
}
const trained = withWeights(architecture);

const names = (format: ExportFormatId, model: ModelFile, options = {}): string[] => {
  const result = exportModel(format, model, options);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.value.map((f) => f.name);
};

describe('export file names', () => {
  it.each([
    ['json', {}, ['My_net.layerwise.json']],
    ['json', { weights: 'sidecar' }, ['My_net.layerwise.json', /^My_net\.[0-9a-f]{8}\.weights\.bin$/]],
    ['json', { weights: 'none' }, ['My_net.layerwise.json']],
    ['tfjs', {}, ['My_net.tfjs.json', /^My_net\.tfjs\.[0-9a-f]{8}\.weights\.bin$/]],
    ['onnx', {}, ['My_net.onnx']],
    ['pytorch', {}, ['My_net_pytorch.py', 'My_net_pytorch.layerwise.json']],
    ['keras', {}, ['My_net_keras.py', 'My_net_keras.layerwise.json']],
  ] as const)('%s %j of a trained model → %j', (format, options, expected) => {
    // Weight files carry a hash of their content (see withContentHash).
    const wanted = expected.map((e) => (typeof e === 'string' ? e : expect.stringMatching(e)));
    expect(names(format, trained, options)).toEqual(wanted);
  });

  it.each([
    ['pytorch', ['My_net_pytorch.py']],
    ['keras', ['My_net_keras.py']],
  ] as const)('%s of an untrained model writes the script alone', (format, expected) => {
    expect(names(format, architecture)).toEqual(expected);
  });

  it('no two formats write a file of the same name', () => {
    const all = [
      ...(Object.keys(EXPORT_FORMATS) as ExportFormatId[]).flatMap((f) => names(f, trained)),
      ...names('json', trained, { weights: 'sidecar' }).slice(1),
    ];
    expect(all).toHaveLength(9);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(['pytorch', 'keras'] as const)(
    '%s: the script names the weights file written beside it, and training does not overwrite it',
    (format) => {
      const result = exportModel(format, trained);
      if (!result.ok) throw new Error('export failed');
      const [script, weights] = result.value;
      const source = String(script?.data);
      expect(source).toContain(`python ${script?.name} --weights ${weights?.name} --predict 10`);
      const saved = /^TRAINED_FILE = "([^"]+)"/m.exec(source)?.[1];
      expect(saved).toBe(`My_net_${format}_trained.layerwise.json`);
      expect(result.value.map((f) => f.name)).not.toContain(saved);
      // The weights file beside the script is a model file with the weights inline.
      expect(JSON.parse(String(weights?.data)).weights.tensors.length).toBeGreaterThan(0);
    },
  );

  it.each(['pytorch', 'keras'] as const)('%s of an untrained model names no weights file', (format) => {
    const result = exportModel(format, architecture);
    const source = result.ok ? String(result.value[0]?.data) : '';
    expect(source).toContain('had no trained weights');
    expect(source).not.toContain('.layerwise.json --predict');
  });

  it.each([
    ['My model', 'My_model'],
    ['  ', 'model'],
    ['../etc/passwd', 'etc_passwd'],
    ['.hidden', 'hidden'],
    ['a/b\\c', 'a_b_c'],
  ])('fileBase(%j) = %j, and every name is a plain file name', (name, base) => {
    expect(fileBase(name)).toBe(base);
    for (const file of Object.values(exportFileNames(name))) {
      expect(file.startsWith(base)).toBe(true);
      expect(file).toMatch(/^[\w][\w.-]*$/);
    }
  });
});
