// Test support: graphs of DepthwiseConv2D, SeparableConv2D and Conv2DTranspose for the exporter parity
// tests (ONNX, PyTorch, TF.js): TF 'same' padding that is asymmetric (stride 2 on odd sizes), depth
// multipliers, a transposed kernel shorter than its stride (ONNX output_padding), every activation.
import type { Graph } from '../graph';
import { ACTIVATIONS } from '../params';
import { chain } from '../testing/graphs';

/** An MNIST classifier through every layer of the family, trainable in a few seconds. */
export const convVariantsMnist: Graph = chain(
  [28, 28, 1],
  [
    'DepthwiseConv2D',
    { kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2, activation: 'relu' },
  ],
  ['SeparableConv2D', { filters: 8, kernel_size: 3, strides: 2, padding: 'same', activation: 'swish' }],
  ['Conv2DTranspose', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }],
  ['SeparableConv2D', { filters: 4, kernel_size: 3, strides: 2, depth_multiplier: 2 }],
  ['Conv2DTranspose', { filters: 3, kernel_size: 1, strides: 3, activation: 'tanh' }],
  ['DepthwiseConv2D', { kernel_size: 5, strides: 3, padding: 'same', use_bias: false }],
  ['Flatten'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

/** Small graphs checked with random weights: odd sizes, rectangular windows, each activation. */
export const CONV_VARIANT_CASES: { name: string; graph: Graph }[] = [
  {
    name: "DepthwiseConv2D 'same' stride 2 on 7x5, multiplier 3",
    graph: chain(
      [7, 5, 2],
      ['DepthwiseConv2D', { kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 3 }],
      ['Flatten'],
    ),
  },
  {
    name: 'DepthwiseConv2D rectangular kernel and strides, valid, no bias',
    graph: chain(
      [8, 9, 3],
      ['DepthwiseConv2D', { kernel_size: [2, 3], strides: [1, 2], use_bias: false }],
      ['Flatten'],
    ),
  },
  {
    name: "SeparableConv2D 'same' stride 2 on 9x7, multiplier 2",
    graph: chain(
      [9, 7, 3],
      ['SeparableConv2D', { filters: 5, kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2 }],
      ['Flatten'],
    ),
  },
  {
    name: "SeparableConv2D 'same' 4x4 kernel (padding 1 before, 2 after), no bias",
    graph: chain(
      [6, 6, 2],
      ['SeparableConv2D', { filters: 3, kernel_size: 4, padding: 'same', use_bias: false }],
      ['Flatten'],
    ),
  },
  {
    name: "Conv2DTranspose 'same' stride 2 on 5x3 (crop 0 before, 1 after)",
    graph: chain(
      [5, 3, 2],
      ['Conv2DTranspose', { filters: 3, kernel_size: 3, strides: 2, padding: 'same' }],
      ['Flatten'],
    ),
  },
  {
    name: "Conv2DTranspose 'same' 5x4 kernel, strides (2, 3)",
    graph: chain(
      [3, 4, 3],
      ['Conv2DTranspose', { filters: 2, kernel_size: [5, 4], strides: [2, 3], padding: 'same' }],
      ['Flatten'],
    ),
  },
  {
    name: "Conv2DTranspose 'valid', kernel shorter than the stride (trailing zeros + bias)",
    graph: chain(
      [3, 3, 2],
      ['Conv2DTranspose', { filters: 2, kernel_size: [2, 1], strides: 3 }],
      ['Flatten'],
    ),
  },
  {
    name: "Conv2DTranspose 'valid' stride 1, no bias",
    graph: chain(
      [4, 3, 2],
      ['Conv2DTranspose', { filters: 3, kernel_size: 3, use_bias: false }],
      ['Flatten'],
    ),
  },
  ...ACTIVATIONS.map((activation) => ({
    name: `activation ${activation} on each layer`,
    graph: chain(
      [6, 6, 2],
      ['DepthwiseConv2D', { kernel_size: 3, padding: 'same', activation }],
      ['SeparableConv2D', { filters: 3, kernel_size: 3, strides: 2, activation }],
      ['Conv2DTranspose', { filters: 2, kernel_size: 2, strides: 2, activation }],
      ['Flatten'],
    ),
  })),
];

/** Other geometry on MNIST: asymmetric 'same' pads before and after, rectangular windows, multiplier 3. */
export const convVariantsMnistRectangular: Graph = chain(
  [28, 28, 1],
  ['DepthwiseConv2D', { kernel_size: [3, 2], strides: [2, 1], depth_multiplier: 3, activation: 'elu' }],
  ['SeparableConv2D', { filters: 6, kernel_size: 4, strides: [1, 3], padding: 'same', activation: 'gelu' }],
  ['Conv2DTranspose', { filters: 2, kernel_size: [5, 4], strides: [1, 2], padding: 'same', use_bias: false }],
  ['DepthwiseConv2D', { kernel_size: 4, strides: 4, activation: 'leaky_relu' }],
  ['Flatten'],
  ['Dense', { units: 10, activation: 'softmax' }],
);
