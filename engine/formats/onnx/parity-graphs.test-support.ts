// Test support: small graphs for what the templates do not use (BatchNormalization, merges, 'same'
// pooling with strides, Reshape, Dense on images, every activation), shared by the ONNX parity tests.
import type { Graph } from '../../graph';
import { ACTIVATIONS } from '../../params';
import { chain, graph } from '../../testing/graphs';

const conv = (filters: number, more: Record<string, unknown> = {}) => ({ filters, kernel_size: 3, ...more });

export const batchNormCnn = chain(
  [28, 28, 1],
  ['Conv2D', conv(8, { padding: 'same', use_bias: false })],
  ['BatchNormalization'],
  ['Activation', { activation: 'relu' }],
  ['MaxPooling2D'],
  ['Flatten'],
  ['BatchNormalization', { epsilon: 0.01 }],
  ['Dense', { units: 10, activation: 'softmax' }],
);

// Residual Add, Concatenate on channels and on height, Dropout, and a layer fed twice.
export const branches = graph(
  [
    ['in', 'InputLayer', { shape: [28, 28, 1] }],
    ['a', 'Conv2D', conv(4, { padding: 'same', activation: 'relu' })],
    ['b', 'Conv2D', { filters: 4, kernel_size: 1 }],
    ['sum', 'Add'],
    ['c', 'Conv2D', conv(4, { padding: 'same', activation: 'elu' })],
    ['channels', 'Concatenate'],
    ['pool', 'MaxPooling2D', { pool_size: 4 }],
    ['height', 'Concatenate', { axis: 1 }],
    ['drop', 'Dropout', { rate: 0.3 }],
    ['flat', 'Flatten'],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  [
    'in->a',
    'in->b',
    'a->sum',
    'b->sum',
    'sum->c',
    'sum->channels',
    'c->channels',
    'channels->pool',
    'pool->height',
    'pool->height',
    'height->drop',
    'drop->flat',
    'flat->out',
  ],
);

/** Models checked with random weights and random inputs in [0, 1]. */
export const RANDOM_CASES: { name: string; graph: Graph }[] = [
  // Each activation on a channels-first value (after Conv: softmax over the channels at axis 1), as a
  // separate Activation layer, and on a Dense output.
  ...ACTIVATIONS.map((activation) => ({
    name: `activation ${activation}`,
    graph: chain(
      [6, 6, 2],
      ['Conv2D', conv(3, { padding: 'same', activation })],
      ['Activation', { activation }],
      ['Flatten'],
      ['Dense', { units: 5, activation }],
    ),
  })),
  {
    name: "AveragePooling2D and MaxPooling2D 'same' with strides, strided Conv2D 'same'",
    graph: chain(
      [9, 9, 3],
      ['AveragePooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
      ['AveragePooling2D', { pool_size: [2, 3], strides: [1, 2], padding: 'same' }],
      ['MaxPooling2D', { pool_size: [3, 2], strides: [2, 1], padding: 'same' }],
      ['Conv2D', { filters: 4, kernel_size: [3, 2], strides: 2, padding: 'same' }],
      ['GlobalMaxPooling2D'],
      ['Dense', { units: 4, activation: 'softmax' }],
    ),
  },
  {
    name: 'Reshape, Dense on a rank-3 value, BatchNormalization without center or scale',
    graph: chain(
      [784],
      ['Reshape', { target_shape: [-1, 7] }],
      ['Dense', { units: 6, activation: 'tanh' }],
      ['BatchNormalization', { center: false, scale: false }],
      ['Dense', { units: 3, use_bias: false }],
      ['Reshape', { target_shape: [28, 4, 3] }],
      ['Conv2D', { filters: 2, kernel_size: [5, 2], strides: [3, 1] }],
      ['Flatten'],
      ['Dense', { units: 10, activation: 'softmax' }],
    ),
  },
  {
    name: 'global pooling on channels-last values, Dense on an image',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [5, 7, 3] }],
        ['d', 'Dense', { units: 4 }],
        ['avg', 'GlobalAveragePooling2D'],
        ['max', 'GlobalMaxPooling2D'],
        ['cat', 'Concatenate'],
        ['out', 'Dense', { units: 3, activation: 'softmax' }],
      ],
      ['in->d', 'd->avg', 'in->max', 'avg->cat', 'max->cat', 'cat->out'],
    ),
  },
  {
    name: 'Add of a channels-first and a channels-last branch, three-way Add',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [6, 6, 2] }],
        ['c', 'Conv2D', { filters: 2, kernel_size: 1 }],
        ['d', 'Dense', { units: 2 }],
        ['bn', 'BatchNormalization'],
        ['sum', 'Add'],
        ['out', 'Conv2D', { filters: 3, kernel_size: 2, activation: 'softmax' }],
      ],
      ['in->c', 'in->d', 'in->bn', 'c->sum', 'd->sum', 'bn->sum', 'sum->out'],
    ),
  },
];
