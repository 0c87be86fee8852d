// SpatialDropout2D, GaussianNoise and ActivityRegularization: shape rules and their errors, parameter
// ranges, parameter counts (Keras: 0 for each, they have no weights), Keras config both ways and the
// Keras script call.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { compileGraph } from '../compile';
import { kerasLayerCall } from '../formats/python/keras-script-layers';
import { KERAS_LAYERS } from '../formats/layer-tables';
import { chain, type LayerSpec } from '../testing/graphs';

const cases: { layer: LayerSpec; input: number[]; script: string; config: Record<string, unknown> }[] = [
  {
    layer: ['SpatialDropout2D', { rate: 0.2 }],
    input: [6, 6, 3],
    script: 'layers.SpatialDropout2D(0.2, name="spatial_dropout2d")',
    config: { rate: 0.2, data_format: 'channels_last', seed: null },
  },
  {
    layer: ['GaussianNoise', { stddev: 0.3 }],
    input: [10],
    script: 'layers.GaussianNoise(0.3, name="gaussian_noise")',
    config: { stddev: 0.3, seed: null },
  },
  {
    layer: ['ActivityRegularization', { l2: 0.01 }],
    input: [4, 5],
    script: 'layers.ActivityRegularization(l2=0.01, name="activity_regularization")',
    config: { l1: 0, l2: 0.01 },
  },
];

describe.each(cases)('$layer.0', ({ layer, input, script, config }) => {
  it('keeps its input shape and has no parameters (Keras: 0)', () => {
    const analysis = analyzeGraph(chain(input, layer));
    expect(analysis.issues).toEqual([]);
    const node = analysis.byId.get('n1');
    expect(node?.outputShape).toEqual(input);
    expect([node?.trainableParams, node?.nonTrainableParams]).toEqual([0, 0]);
  });

  it('writes its Keras config and script call, and reads the config back', () => {
    const compiled = compileGraph(chain(input, layer));
    if (!compiled.ok) throw new Error('graph did not compile');
    const node = compiled.plan.nodes[1]!;
    const mapping = KERAS_LAYERS[layer[0]]!;
    expect(mapping.toKeras(node.params)).toEqual(config);
    const { data_format: _layout, ...ours } = config;
    expect(mapping.fromKeras(config)).toEqual(ours);
    expect(kerasLayerCall(node)).toBe(script);
  });
});

describe('errors', () => {
  it('SpatialDropout2D needs an image and says where to fix it', () => {
    const analysis = analyzeGraph(chain([28, 28, 1], ['Flatten'], ['SpatialDropout2D']));
    expect(analysis.issues).toEqual([
      expect.objectContaining({
        code: 'E_RANK',
        message:
          'spatial_dropout2d needs a (height, width, channels) input, got flatten (784,): move it before the Flatten, or add a Reshape to (height, width, channels)',
        where: { nodeId: 'n2' },
      }),
    ]);
  });

  it.each([
    ['SpatialDropout2D', { rate: 1 }, "spatial_dropout2d's rate must be a number from 0 to 1 (exclusive)"],
    ['GaussianNoise', { stddev: -0.1 }, "gaussian_noise's stddev must be a number from 0 to 1000"],
    ['ActivityRegularization', { l1: -1 }, "activity_regularization's l1 must be a number from 0 to 1000"],
  ] as const)('%s refuses %o', (type, params, message) => {
    const input = type === 'SpatialDropout2D' ? [4, 4, 2] : [4];
    const analysis = analyzeGraph(chain(input, [type, params]));
    expect(analysis.issues.map((i) => i.message)).toEqual([message]);
  });

  it.each(['SpatialDropout2D', 'GaussianNoise'])(
    '%s keeps a Keras seed, and writes it in the script',
    (type) => {
      const param = type === 'SpatialDropout2D' ? { rate: 0.5 } : { stddev: 0.1 };
      const input = type === 'SpatialDropout2D' ? [4, 4, 2] : [4];
      const compiled = compileGraph(chain(input, [type, { ...param, seed: 1234 }]));
      if (!compiled.ok) throw new Error('graph did not compile');
      const node = compiled.plan.nodes[1]!;
      expect(KERAS_LAYERS[type]?.toKeras(node.params)).toMatchObject({ seed: 1234 });
      expect(KERAS_LAYERS[type]?.fromKeras({ ...param, seed: 1234 })).toEqual({ ...param, seed: 1234 });
      expect(kerasLayerCall(node)).toContain('seed=1234');
      const refused = analyzeGraph(chain(input, [type, { ...param, seed: 1.5 }])).issues;
      expect(refused.map((i) => i.where.field)).toEqual(['seed']);
    },
  );

  it('SpatialDropout2D refuses a Keras config in channels_first', () => {
    expect(() =>
      KERAS_LAYERS.SpatialDropout2D?.fromKeras({ rate: 0.1, data_format: 'channels_first' }),
    ).toThrow(/data_format/);
  });
});
