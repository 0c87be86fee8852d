// LayerNormalization, ZeroPadding2D, UpSampling2D and Cropping2D in the engine: output shapes and
// parameter counts as Keras' model.summary() gives them (via `layerwise summary`'s summarize), the
// sides param's accepted spellings and messages, shape errors that name the layer and field, and the
// Keras script call, quick add's words.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { kerasLayerCall } from '../formats/python/keras-script-layers';
import { quickParams } from '../quick-params';
import { getLayer } from '../registry';
import { compiledPlan } from '../../worker-native/test-support/models';
import { summarize } from '../summary';
import { chain, type LayerSpec } from '../testing/graphs';

interface Case {
  readonly name: string;
  readonly input: number[];
  readonly layer: LayerSpec;
  readonly shape: number[];
  readonly params: number;
}

// Keras formulas: LayerNormalization has gamma (d) if scale and beta (d) if center: 2*d by default,
// d with one of them, 0 with neither (all trainable). ZeroPadding2D, UpSampling2D and Cropping2D have
// no weights; their shapes are (H + top + bottom, W + left + right, C), (H * sh, W * sw, C) and
// (H - top - bottom, W - left - right, C).
const cases: Case[] = [
  { name: 'LayerNormalization d=64', input: [64], layer: ['LayerNormalization'], shape: [64], params: 128 },
  {
    name: 'LayerNormalization on channels',
    input: [26, 26, 32],
    layer: ['LayerNormalization'],
    shape: [26, 26, 32],
    params: 64,
  },
  {
    name: 'LayerNormalization on a sequence without beta',
    input: [10, 16],
    layer: ['LayerNormalization', { center: false }],
    shape: [10, 16],
    params: 16,
  },
  {
    name: 'LayerNormalization without gamma or beta',
    input: [10],
    layer: ['LayerNormalization', { center: false, scale: false }],
    shape: [10],
    params: 0,
  },
  {
    name: 'ZeroPadding2D default',
    input: [28, 28, 1],
    layer: ['ZeroPadding2D'],
    shape: [30, 30, 1],
    params: 0,
  },
  {
    name: 'ZeroPadding2D ((1, 2), (3, 4))',
    input: [5, 6, 3],
    layer: [
      'ZeroPadding2D',
      {
        padding: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    shape: [8, 13, 3],
    params: 0,
  },
  {
    name: 'ZeroPadding2D (2, 0)',
    input: [5, 6, 3],
    layer: ['ZeroPadding2D', { padding: [2, 0] }],
    shape: [9, 6, 3],
    params: 0,
  },
  {
    name: 'UpSampling2D default',
    input: [7, 7, 16],
    layer: ['UpSampling2D'],
    shape: [14, 14, 16],
    params: 0,
  },
  {
    name: 'UpSampling2D (3, 1) bilinear',
    input: [7, 5, 2],
    layer: ['UpSampling2D', { size: [3, 1], interpolation: 'bilinear' }],
    shape: [21, 5, 2],
    params: 0,
  },
  { name: 'Cropping2D default', input: [28, 28, 1], layer: ['Cropping2D'], shape: [28, 28, 1], params: 0 },
  {
    name: 'Cropping2D ((2, 2), (4, 4))',
    input: [28, 28, 1],
    layer: ['Cropping2D', { cropping: [2, 4] }],
    shape: [24, 20, 1],
    params: 0,
  },
  {
    name: 'Cropping2D ((0, 1), (2, 3))',
    input: [4, 6, 2],
    layer: [
      'Cropping2D',
      {
        cropping: [
          [0, 1],
          [2, 3],
        ],
      },
    ],
    shape: [3, 1, 2],
    params: 0,
  },
];

describe('shapes and parameter counts as Keras reports them', () => {
  it.each(cases)('$name', ({ input, layer, shape, params }) => {
    const analysis = analyzeGraph(chain(input, layer));
    expect(analysis.issues).toEqual([]);
    const row = summarize(analysis).layers[1];
    expect(row?.output_shape).toEqual([null, ...shape]);
    expect(row?.params).toBe(params);
    expect(row?.trainable_params).toBe(params);
  });

  it('names the weights as Keras does, gamma before beta', () => {
    const analysis = analyzeGraph(chain([3, 8], ['LayerNormalization', { gamma_initializer: 'he_normal' }]));
    expect(analysis.byId.get('n1')?.weights).toEqual([
      { name: 'gamma', shape: [8], trainable: true, initializer: 'he_normal' },
      { name: 'beta', shape: [8], trainable: true, initializer: 'zeros' },
    ]);
  });
});

describe("the sides param (ZeroPadding2D's padding, Cropping2D's cropping)", () => {
  const resolved = (layer: LayerSpec) => compiledPlan(chain([8, 8, 1], layer)).nodes[1]?.params;

  it.each([
    [
      3,
      [
        [3, 3],
        [3, 3],
      ],
    ],
    [
      [1, 2],
      [
        [1, 1],
        [2, 2],
      ],
    ],
    [
      [
        [0, 1],
        [2, 3],
      ],
      [
        [0, 1],
        [2, 3],
      ],
    ],
  ])('%j normalises to %j', (padding, expected) => {
    expect(resolved(['ZeroPadding2D', { padding }])).toEqual({ padding: expected });
    expect(resolved(['Cropping2D', { cropping: padding }])).toEqual({ cropping: expected });
  });

  it.each([-1, 1.5, [1, 2, 3], [[1, 2], 3], [[1, 2], [3]], 'one', null])(
    'refuses %j, saying what it takes',
    (padding) => {
      const analysis = analyzeGraph(chain([8, 8, 1], ['ZeroPadding2D', { padding }]));
      expect(analysis.issues.map((i) => [i.where, i.messageId])).toEqual([
        [{ nodeId: 'n1', field: 'padding' }, 'param.sides'],
      ]);
      expect(analysis.issues[0]?.message).toBe(
        "zero_padding2d's padding must be a whole number from 0 to 65536, a pair [height, width] of them, or [[top, bottom], [left, right]]",
      );
    },
  );
});

describe('shape errors name the layer and the field', () => {
  it.each(['ZeroPadding2D', 'UpSampling2D', 'Cropping2D'])('%s needs an image', (type) => {
    const analysis = analyzeGraph(chain([28, 28], [type]));
    expect(analysis.issues[0]?.messageId).toBe('shape.needsImage');
    expect(analysis.issues[0]?.message).toMatch(
      /needs a \(height, width, channels\) input, got .*\(28, 28\)/,
    );
  });

  it('Cropping2D refuses to crop everything', () => {
    const analysis = analyzeGraph(
      chain(
        [4, 6, 1],
        [
          'Cropping2D',
          {
            cropping: [
              [1, 1],
              [3, 3],
            ],
          },
        ],
      ),
    );
    expect(analysis.issues.map((i) => [i.where, i.message])).toEqual([
      [
        { nodeId: 'n1', field: 'cropping' },
        "cropping2d's cropping removes 2 rows and 6 columns from its 4x6 input, leaving nothing: crop less",
      ],
    ]);
  });

  it('UpSampling2D offers only the interpolations it computes', () => {
    const analysis = analyzeGraph(chain([4, 4, 1], ['UpSampling2D', { interpolation: 'bicubic' }]));
    expect(analysis.issues[0]?.message).toBe(
      "up_sampling2d's interpolation must be one of 'nearest', 'bilinear'",
    );
  });
});

describe('Keras script', () => {
  it.each([
    [
      ['LayerNormalization', { epsilon: 1e-5, center: false }],
      'layers.LayerNormalization(epsilon=0.00001, center=False, name="layer_normalization")',
    ],
    [
      ['ZeroPadding2D', { padding: [1, 2] }],
      'layers.ZeroPadding2D(padding=[[1, 1], [2, 2]], name="zero_padding2d")',
    ],
    [['Cropping2D', { cropping: 1 }], 'layers.Cropping2D(cropping=[[1, 1], [1, 1]], name="cropping2d")'],
    [
      ['UpSampling2D', { size: 3, interpolation: 'bilinear' }],
      'layers.UpSampling2D(size=[3, 3], interpolation="bilinear", name="up_sampling2d")',
    ],
    [['UpSampling2D'], 'layers.UpSampling2D(name="up_sampling2d")'],
  ] as const)('%j', (layer, call) => {
    expect(kerasLayerCall(compiledPlan(chain([8, 8, 2], layer as unknown as LayerSpec)).nodes[1]!)).toBe(
      call,
    );
  });
});

describe('quick add words', () => {
  it.each([
    ['ZeroPadding2D', '2', { padding: 2 }],
    ['Cropping2D', '1x3', { cropping: [1, 3] }],
    ['UpSampling2D', '3 bilinear', { size: [3, 3], interpolation: 'bilinear' }],
    ['LayerNormalization', '0.01', { epsilon: 0.01 }],
  ])('%s %s', (type, words, params) => {
    expect(quickParams(getLayer(type)!, words.split(' '))).toEqual({ params, unused: [] });
  });
});
