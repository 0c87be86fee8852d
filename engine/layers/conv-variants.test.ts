// DepthwiseConv2D, SeparableConv2D and Conv2DTranspose: output shapes and parameter counts as Keras 3
// computes them (formulas written out below), weights in Keras' order, layout and initializers, the
// Keras defaults, and shape errors that name the layer and the field.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { chain, type LayerSpec } from '../testing/graphs';

interface Case {
  name: string;
  input: [number, number, number];
  layer: LayerSpec;
  shape: number[];
  params: number;
}

// Keras' formulas, for kernel (kh, kw), cin input channels, multiplier dm, filters f:
//   DepthwiseConv2D  kh*kw*cin*dm + cin*dm (bias)       output channels cin*dm
//   SeparableConv2D  kh*kw*cin*dm + cin*dm*f + f (bias)  output channels f
//   Conv2DTranspose  kh*kw*f*cin + f (bias)              'valid': size*s + max(k - s, 0); 'same': size*s
// Sizes of the depthwise layers as Conv2D: 'valid' floor((size - k) / s) + 1, 'same' ceil(size / s).
const cases: Case[] = [
  {
    name: 'DepthwiseConv2D 3x3 on 28x28x32 (MobileNet block)',
    input: [28, 28, 32],
    layer: ['DepthwiseConv2D', { kernel_size: 3, padding: 'same' }],
    shape: [28, 28, 32],
    params: 3 * 3 * 32 * 1 + 32 * 1,
  },
  {
    name: 'DepthwiseConv2D multiplier 3, stride 2 valid on 9x7x4, no bias',
    input: [9, 7, 4],
    layer: ['DepthwiseConv2D', { kernel_size: [3, 2], strides: 2, depth_multiplier: 3, use_bias: false }],
    shape: [Math.floor((9 - 3) / 2) + 1, Math.floor((7 - 2) / 2) + 1, 4 * 3],
    params: 3 * 2 * 4 * 3,
  },
  {
    name: "DepthwiseConv2D 'same' stride 2 on odd 7x5x3",
    input: [7, 5, 3],
    layer: ['DepthwiseConv2D', { kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2 }],
    shape: [Math.ceil(7 / 2), Math.ceil(5 / 2), 6],
    params: 3 * 3 * 3 * 2 + 3 * 2,
  },
  {
    name: 'SeparableConv2D 64 filters 3x3 on 28x28x32',
    input: [28, 28, 32],
    layer: ['SeparableConv2D', { filters: 64, kernel_size: 3 }],
    shape: [26, 26, 64],
    params: 3 * 3 * 32 * 1 + 32 * 1 * 64 + 64,
  },
  {
    name: "SeparableConv2D multiplier 2, 'same' stride 2 on 9x9x3, no bias",
    input: [9, 9, 3],
    layer: [
      'SeparableConv2D',
      { filters: 5, kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2, use_bias: false },
    ],
    shape: [5, 5, 5],
    params: 3 * 3 * 3 * 2 + 3 * 2 * 5,
  },
  {
    name: "Conv2DTranspose 'valid' 3x3 on 7x7x16",
    input: [7, 7, 16],
    layer: ['Conv2DTranspose', { filters: 8, kernel_size: 3 }],
    shape: [7 * 1 + Math.max(3 - 1, 0), 7 * 1 + Math.max(3 - 1, 0), 8],
    params: 3 * 3 * 8 * 16 + 8,
  },
  {
    name: "Conv2DTranspose 'same' stride 2 on odd 7x5x4",
    input: [7, 5, 4],
    layer: ['Conv2DTranspose', { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }],
    shape: [7 * 2, 5 * 2, 2],
    params: 3 * 3 * 2 * 4 + 2,
  },
  {
    name: "Conv2DTranspose 'valid', kernel shorter than its stride, no bias",
    input: [3, 4, 2],
    layer: ['Conv2DTranspose', { filters: 3, kernel_size: [1, 2], strides: 3, use_bias: false }],
    shape: [3 * 3 + Math.max(1 - 3, 0), 4 * 3 + Math.max(2 - 3, 0), 3],
    params: 1 * 2 * 3 * 2,
  },
];

const analyzed = (input: number[], layer: LayerSpec) => analyzeGraph(chain(input, layer));

describe('depthwise, separable and transposed convolutions: shapes and parameter counts', () => {
  it.each(cases)('$name', ({ input, layer, shape, params }) => {
    const analysis = analyzed(input, layer);
    expect(analysis.issues).toEqual([]);
    const node = analysis.byId.get('n1');
    expect(node?.outputShape).toEqual(shape);
    expect(node?.trainableParams).toBe(params);
    expect(node?.nonTrainableParams).toBe(0);
  });

  it('gives weights Keras names, layouts and initializers', () => {
    const weights = (layer: LayerSpec) => analyzed([6, 5, 3], layer).byId.get('n1')?.weights;
    expect(
      weights([
        'DepthwiseConv2D',
        { kernel_size: [3, 2], depth_multiplier: 2, depthwise_initializer: 'he_normal' },
      ]),
    ).toEqual([
      { name: 'depthwise_kernel', shape: [3, 2, 3, 2], trainable: true, initializer: 'he_normal' },
      { name: 'bias', shape: [6], trainable: true, initializer: 'zeros' },
    ]);
    expect(
      weights([
        'SeparableConv2D',
        { filters: 4, depth_multiplier: 2, pointwise_initializer: 'lecun_normal' },
      ]),
    ).toEqual([
      { name: 'depthwise_kernel', shape: [3, 3, 3, 2], trainable: true, initializer: 'glorot_uniform' },
      { name: 'pointwise_kernel', shape: [1, 1, 6, 4], trainable: true, initializer: 'lecun_normal' },
      { name: 'bias', shape: [4], trainable: true, initializer: 'zeros' },
    ]);
    // Conv2DTranspose keeps Keras' (kh, kw, filters, channels): output channels before input ones.
    expect(
      weights(['Conv2DTranspose', { filters: 7, kernel_size: [2, 4], bias_initializer: 'ones' }]),
    ).toEqual([
      { name: 'kernel', shape: [2, 4, 7, 3], trainable: true, initializer: 'glorot_uniform' },
      { name: 'bias', shape: [7], trainable: true, initializer: 'ones' },
    ]);
  });

  it('applies the Keras 3 defaults', () => {
    const params = (layer: LayerSpec) => analyzed([8, 8, 2], layer).byId.get('n1')?.params;
    const window = {
      kernel_size: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      activation: 'linear',
      use_bias: true,
    };
    expect(params(['DepthwiseConv2D'])).toEqual({
      ...window,
      depth_multiplier: 1,
      depthwise_initializer: 'glorot_uniform',
      bias_initializer: 'zeros',
    });
    expect(params(['SeparableConv2D'])).toEqual({
      ...window,
      filters: 32,
      depth_multiplier: 1,
      depthwise_initializer: 'glorot_uniform',
      pointwise_initializer: 'glorot_uniform',
      bias_initializer: 'zeros',
    });
    expect(params(['Conv2DTranspose'])).toEqual({
      ...window,
      filters: 32,
      kernel_initializer: 'glorot_uniform',
      bias_initializer: 'zeros',
      kernel_regularizer: null,
    });
  });

  it.each(['DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose'])(
    '%s names itself when it is not given an image',
    (type) => {
      const [issue] = analyzeGraph(chain([784], [type])).issues;
      expect(issue?.code).toBe('E_RANK');
      expect(issue?.message).toMatch(/needs a \(height, width, channels\) input/);
      expect(issue?.message).toContain(
        type === 'DepthwiseConv2D'
          ? 'depthwise_conv2d'
          : type === 'SeparableConv2D'
            ? 'separable_conv2d'
            : 'conv2d_transpose',
      );
    },
  );

  it.each(['DepthwiseConv2D', 'SeparableConv2D'])(
    '%s says when its kernel_size is larger than the image',
    (type) => {
      const [issue] = analyzeGraph(chain([4, 6, 1], [type, { kernel_size: 5 }])).issues;
      expect(issue?.code).toBe('E_NON_POSITIVE_SHAPE');
      expect(issue?.where.field).toBe('kernel_size');
      expect(issue?.message).toMatch(/5x5/);
      expect(issue?.message).toMatch(/4x6/);
    },
  );

  it('refuses a depth_multiplier below 1', () => {
    const [issue] = analyzeGraph(chain([4, 4, 1], ['DepthwiseConv2D', { depth_multiplier: 0 }])).issues;
    expect(issue?.where.field).toBe('depth_multiplier');
  });
});
