// Hostile TF.js imports: wrong types anywhere, huge or non-finite shapes, weights of the wrong length,
// weight file names with folders, missing files. Each is an issue that says what is wrong, nothing is
// returned, and no input at all makes importTfjs throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomFloats } from '../../../worker-native/test-support/models';
import { compileGraph } from '../../compile';
import { chain } from '../../testing/graphs';
import { encodeWeights } from '../weights';
import { exportTfjs, importTfjs } from '.';

/** A small exported model: Conv2D, BatchNormalization, Dense, as model.json and its .bin. */
function smallExport() {
  const g = chain(
    [4, 4, 1],
    ['Conv2D', { filters: 2 }],
    ['BatchNormalization'],
    ['Flatten'],
    ['Dense', { units: 3 }],
  );
  const compiled = compileGraph(g);
  if (!compiled.ok) throw new Error('compile');
  const values = new Map(
    compiled.plan.nodes.flatMap((n) => n.weights.map((w, i) => [w.name, randomFloats(w.size, i, 0.5, 1)])),
  );
  const model = {
    format: 'layerwise-model',
    version: 2,
    name: 'small',
    graph: g,
    weights: encodeWeights(compiled.plan, values),
  } as const;
  const result = exportTfjs(model);
  if (!result.ok) throw new Error('export');
  const [json, bin] = result.value;
  return { json: JSON.parse(json!.data as string), files: { [bin!.name]: bin!.data as Uint8Array } };
}

type Json = ReturnType<typeof smallExport>['json'];
type Files = Record<string, Uint8Array>;
const layers = (j: Json) => j.modelTopology.model_config.config.layers;
const layer = (j: Json, name: string) => layers(j).find((l: { name: string }) => l.name === name);
const group = (j: Json) => j.weightsManifest[0];
const spec = (j: Json, name: string) => group(j).weights.find((w: { name: string }) => w.name === name);
/** The export names its weights by content: small.tfjs.<hash>.weights.bin. */
const BIN = Object.keys(smallExport().files)[0] as string;

const CASES: [string, (j: Json, f: Files) => unknown, RegExp][] = [
  ['null instead of an object', () => null, /not a TensorFlow.js Layers model.json: it must be an object/],
  ['a string instead of an object', () => 'model', /not a TensorFlow.js Layers model.json/],
  [
    'a tfjs graph model',
    () => ({ format: 'graph-model', modelTopology: { node: [] } }),
    /a TensorFlow.js graph model \(converted from a SavedModel\): Layerwise opens Layers models/,
  ],
  ['modelTopology a number', (j) => ((j.modelTopology = 5), j), /modelTopology must be an object/],
  [
    'model class unknown',
    (j) => ((j.modelTopology.model_config.class_name = 'Graph'), j),
    /is a 'Graph': Layerwise opens Sequential and Functional/,
  ],
  [
    'layers not a list',
    (j) => ((j.modelTopology.model_config.config.layers = 'x'), j),
    /modelTopology has no model/,
  ],
  ['a layer that is a number', (j) => (layers(j).push(7), j), /layer 6 is not \{class_name, config\}/],
  [
    'filters a string',
    (j) => ((layer(j, 'conv2d').config.filters = 'ten'), j),
    /filters must be a whole number/,
  ],
  ['filters NaN', (j) => ((layer(j, 'conv2d').config.filters = NaN), j), /filters must be a whole number/],
  [
    'kernel_size Infinity',
    (j) => ((layer(j, 'conv2d').config.kernel_size = [Infinity, 3]), j),
    /kernel_size must be/,
  ],
  [
    'input shape huge',
    (j) => ((layer(j, 'input_layer').config.batch_input_shape = [null, 1e9, 4, 1]), j),
    /shape must be a list of 1 to 3 whole numbers from 1 to 65536/,
  ],
  [
    'input shape NaN',
    (j) => ((layer(j, 'input_layer').config.batch_input_shape = [null, NaN, 4, 1]), j),
    /shape must be a list/,
  ],
  [
    'inbound nodes of a number',
    (j) => ((layer(j, 'dense').inbound_nodes = 3), j),
    /layer 'dense' has inbound_nodes that are not a list/,
  ],
  ['an input from nowhere', (j) => ((layer(j, 'dense').inbound_nodes = [[['ghost', 0, 0, {}]]]), j), /ghost/],
  [
    'a layer called twice',
    (j) => (layer(j, 'dense').inbound_nodes.push([['flatten', 0, 0, {}]]), j),
    /'dense' is called 2 times: Layerwise has no shared layers/,
  ],
  [
    'a second output used',
    (j) => ((layer(j, 'dense').inbound_nodes = [[['flatten', 0, 1, {}]]]), j),
    /takes output 0\/1 of 'flatten'/,
  ],
  ['two layers of one name', (j) => ((layer(j, 'flatten').name = 'dense'), j), /already|duplicate|unique/i],
  [
    'too many layers',
    (j) => ((j.modelTopology.model_config.config.layers = Array(3000).fill(layers(j)[1])), j),
    /3000 layers; Layerwise opens at most 2000/,
  ],
  [
    'manifest not a list',
    (j) => ((j.weightsManifest = 'x'), j),
    /weightsManifest must be a list of weight groups/,
  ],
  [
    'huge declared tensor',
    (j) => ((spec(j, 'dense/kernel').shape = [1e6, 1e6]), j),
    /declares 1000000000000 values; Layerwise opens at most 268435456/,
  ],
  [
    'NaN in a tensor shape',
    (j) => ((spec(j, 'dense/kernel').shape = [NaN, 3]), j),
    /weightsManifest.0.weights.\d+.shape.0 must be/,
  ],
  [
    'Infinity in a tensor shape',
    (j) => ((spec(j, 'dense/kernel').shape = [Infinity, 3]), j),
    /weightsManifest.0.weights.\d+.shape.0 must be/,
  ],
  ['a negative dimension', (j) => ((spec(j, 'dense/kernel').shape = [-18, 3]), j), /must not be negative/],
  [
    'tensor shape transposed',
    (j) => ((spec(j, 'dense/kernel').shape = [3, 8]), j),
    /tensor 'dense\/kernel' has shape \[3,8\], the layer needs \[8,3\]/,
  ],
  [
    'a tensor missing',
    (j) => ((spec(j, 'dense/kernel').name = 'other/kernel'), j),
    /the weights have no tensor 'dense\/kernel'/,
  ],
  [
    'int32 weights',
    (j) => ((spec(j, 'dense/bias').dtype = 'int32'), j),
    /tensor 'dense\/bias' is int32: Layerwise reads float32/,
  ],
  [
    'quantized weights',
    (j) => ((spec(j, 'dense/bias').quantization = { dtype: 'uint8' }), j),
    /is quantized/,
  ],
  [
    'weights file too short',
    (j, f) => ((f[BIN] = f[BIN]!.slice(0, -4)), j),
    /tensor 'dense\/bias' runs past the end of the weight data/,
  ],
  [
    'weights file too long',
    (j, f) => ((f[BIN] = new Uint8Array(f[BIN]!.length + 8)), j),
    /holds \d+ bytes, its manifest describes \d+/,
  ],
  [
    'weights file missing',
    (j, f) => (delete f[BIN], j),
    /weight file 'small\.tfjs\.[0-9a-f]{8}\.weights\.bin' is missing/,
  ],
  [
    'one shard named 300 times',
    (j) => ((group(j).paths = Array.from({ length: 300 }, () => BIN)), j),
    /weight file 'small\.tfjs\.[0-9a-f]{8}\.weights\.bin' is named more than once in the manifest/,
  ],
  [
    'one shard as ./name and as name',
    (j) => ((group(j).paths = [BIN, `./${BIN}`]), j),
    /is named more than once/,
  ],
  ...['../small.weights.bin', 'sub/x.bin', 'a\\b.bin', '/etc/passwd', 'C:\\x.bin', 'C:x.bin', '..', ''].map(
    (path): [string, (j: Json) => unknown, RegExp] => [
      `weight file path ${JSON.stringify(path)}`,
      (j) => ((group(j).paths = [path]), j),
      /weight file names must be plain names/,
    ],
  ),
];

describe('hostile TF.js imports', () => {
  it('the unharmed export imports, also with its path written ./name as tfjs writes it', () => {
    const { json, files } = smallExport();
    expect(importTfjs(json, files).ok).toBe(true);
    json.weightsManifest[0].paths = [`./${BIN}`];
    expect(importTfjs(json, files).ok).toBe(true);
    expect(importTfjs(json, { [`./${BIN}`]: files[BIN]! }).ok).toBe(true);
  });

  it.each(CASES)('%s: an issue, nothing returned', (_name, harm, message) => {
    const { json, files } = smallExport();
    const result = importTfjs(harm(json, files), files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('never throws, whatever value replaces any part of the file', () => {
    const { json, files } = smallExport();
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (typeof value === 'object' && value !== null)
        for (const [key, child] of Object.entries(value))
          walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    walk(json, []);
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.anything(), (at, replacement) => {
        const harmed = structuredClone(json);
        const path = paths[at]!;
        if (path.length > 0)
          path.slice(0, -1).reduce((node, key) => node[key], harmed)[path.at(-1)!] = replacement;
        expect(() => importTfjs(path.length === 0 ? replacement : harmed, files)).not.toThrow();
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
