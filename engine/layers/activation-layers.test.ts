// The activation layers' definitions: shapes and parameter counts as Keras' summary gives them, clear
// errors for impossible settings, and their Keras config, Keras script and native params.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { compileGraph } from '../compile';
import { KERAS_LAYERS } from '../formats/layer-tables';
import { kerasLayerCall } from '../formats/python/keras-script-layers';
import { getLayer, resolveParams } from '../registry';
import { summarize } from '../summary';
import { chain, type LayerSpec } from '../testing/graphs';

function plan(...layers: LayerSpec[]) {
  const compiled = compileGraph(chain([6, 5, 3], ...layers));
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  return compiled;
}

describe('activation layers in the summary', () => {
  it('keep their input shape; PReLU counts Keras’ alpha, the others have no parameters', () => {
    // Keras: PReLU's alpha has the input's shape without the batch, with 1 on each shared axis, so
    // params = prod(d_i for i not in shared_axes); ReLU, LeakyReLU, ELU and Softmax have none.
    const compiled = plan(
      ['ReLU', { max_value: 6 }],
      ['LeakyReLU'],
      ['ELU'],
      ['Softmax', { axis: 1 }],
      ['PReLU'], // 6 * 5 * 3 = 90
      ['PReLU', { shared_axes: [1, 2] }], // 1 * 1 * 3 = 3
      ['PReLU', { shared_axes: [3] }], // 6 * 5 * 1 = 30
      ['Flatten'],
      ['Dense', { units: 4 }], // 90 * 4 + 4 = 364
      ['PReLU'], // 4
    );
    const summary = summarize(compiled.analysis);
    expect(summary.layers.map((l) => [l.type, l.output_shape, l.params])).toEqual([
      ['InputLayer', [null, 6, 5, 3], 0],
      ['ReLU', [null, 6, 5, 3], 0],
      ['LeakyReLU', [null, 6, 5, 3], 0],
      ['ELU', [null, 6, 5, 3], 0],
      ['Softmax', [null, 6, 5, 3], 0],
      ['PReLU', [null, 6, 5, 3], 90],
      ['PReLU', [null, 6, 5, 3], 3],
      ['PReLU', [null, 6, 5, 3], 30],
      ['Flatten', [null, 90], 0],
      ['Dense', [null, 4], 364],
      ['PReLU', [null, 4], 4],
    ]);
    expect(summary.total_params).toBe(90 + 3 + 30 + 364 + 4);
    expect(summary.trainable_params).toBe(summary.total_params);
    expect(compiled.plan.nodes.map((n) => n.weights.map((w) => w.shape))).toContainEqual([[1, 1, 3]]);
  });
});

describe('activation layer errors name the layer and field', () => {
  it.each([
    [
      'Softmax',
      { axis: 0 },
      'axis',
      'softmax cannot normalize along axis 0: its input input_layer (6, 5, 3) has axes 1 to 3 (or -1 to -3) besides the batch',
    ],
    ['Softmax', { axis: 4 }, 'axis', 'softmax cannot normalize along axis 4'],
    ['Softmax', { axis: -4 }, 'axis', 'softmax cannot normalize along axis -4'],
    [
      'PReLU',
      { shared_axes: [4] },
      'shared_axes',
      "p_re_lu's shared_axes [4] name an axis its input input_layer (6, 5, 3) lacks: use axes from 1 to 3",
    ],
    [
      'PReLU',
      { shared_axes: [0] },
      'shared_axes',
      "p_re_lu's shared_axes must be empty (none) or a list of different axes",
    ],
    ['PReLU', { shared_axes: [1, 1] }, 'shared_axes', "p_re_lu's shared_axes must be empty (none)"],
    ['ReLU', { max_value: -1 }, 'max_value', "re_lu's max_value must be a number from 0"],
    ['ReLU', { negative_slope: -0.1 }, 'negative_slope', "re_lu's negative_slope must be a number from 0"],
    [
      'LeakyReLU',
      { negative_slope: -1 },
      'negative_slope',
      "leaky_re_lu's negative_slope must be a number from 0",
    ],
  ])('%s %j', (type, params, field, message) => {
    const analysis = analyzeGraph(chain([6, 5, 3], [type, params]));
    expect(analysis.issues).toHaveLength(1);
    expect(analysis.issues[0]?.where.field).toBe(field);
    expect(analysis.issues[0]?.message).toContain(message);
  });
});

/** Settings that differ from every default. */
const VARIED: [string, Record<string, unknown>][] = [
  ['ReLU', { max_value: 6, negative_slope: 0.1, threshold: -0.5 }],
  ['LeakyReLU', { negative_slope: 0.01 }],
  ['ELU', { alpha: 0.5 }],
  ['Softmax', { axis: 2 }],
  ['PReLU', { alpha_initializer: 'he_normal', shared_axes: [1, 2] }],
];

describe('activation layers in every format', () => {
  it.each(VARIED)('%s: Keras config → params gives the params back, for defaults and %j', (type, varied) => {
    const mapping = KERAS_LAYERS[type]!;
    const resolved = (raw: Record<string, unknown>) => resolveParams(getLayer(type)!, raw, 'n').params;
    for (const raw of [{}, varied]) {
      const params = resolved(raw)!;
      expect(resolved(mapping.fromKeras(mapping.toKeras(params)))).toEqual(params);
    }
  });

  it('writes Keras 3 calls with the settings that differ from the defaults', () => {
    const compiled = plan(...VARIED.map(([type, params]) => [type, params] as LayerSpec));
    expect(compiled.plan.nodes.slice(1).map(kerasLayerCall)).toEqual([
      'layers.ReLU(max_value=6, negative_slope=0.1, threshold=-0.5, name="re_lu")',
      'layers.LeakyReLU(negative_slope=0.01, name="leaky_re_lu")',
      'layers.ELU(alpha=0.5, name="elu")',
      'layers.Softmax(axis=2, name="softmax")',
      'layers.PReLU(alpha_initializer="he_normal", shared_axes=[1, 2], name="p_re_lu")',
    ]);
  });

  it('hands the native core resolved params (no nulls; Softmax axis as an index into the sample)', () => {
    const compiled = plan(['ReLU'], ['ReLU', { max_value: 2 }], ['Softmax', { axis: 1 }], ['Softmax']);
    const native = compiled.plan.nodes.slice(1).map((n) => getLayer(n.type)?.formats?.native(n));
    expect(native).toEqual([
      { has_max_value: false, max_value: 0, negative_slope: 0, threshold: 0 },
      { has_max_value: true, max_value: 2, negative_slope: 0, threshold: 0 },
      { axis: 0 },
      { axis: 2 },
    ]);
  });
});
