// Test support: models built from the activation layers (ReLU, LeakyReLU, ELU, Softmax, PReLU), shared
// by their exporter parity tests (TF.js, ONNX, PyTorch). The MNIST models train in our core first.
import type { Graph } from '../graph';
import { chain } from '../testing/graphs';

const conv = (filters: number, more: Record<string, unknown> = {}) => ({ filters, kernel_size: 3, ...more });

/** Every activation layer in settings tfjs 4.22 computes too: its ReLU reads only max_value, its ELU
 *  takes only alpha 1 and its Softmax only the last axis. */
export const activationLayersCnn = chain(
  [28, 28, 1],
  ['Conv2D', conv(6)],
  ['PReLU', { shared_axes: [1, 2], alpha_initializer: 'ones' }],
  ['Conv2D', conv(6, { strides: 2 })],
  ['ELU'],
  ['Softmax'],
  ['Conv2D', { filters: 4, kernel_size: 1 }],
  ['ReLU', { max_value: 1.5 }],
  ['Flatten'],
  ['Dense', { units: 16 }],
  ['PReLU', { alpha_initializer: 'he_normal' }],
  ['Dense', { units: 16 }],
  ['LeakyReLU', { negative_slope: 0.1 }],
  ['Dense', { units: 10 }],
  ['Softmax'],
);

/** What tfjs cannot run: ReLU with a threshold, a leak and a cap, ELU with another alpha, Softmax over
 *  the height; and PReLU with a slope per value. */
export const reluVariantsCnn = chain(
  [28, 28, 1],
  ['Conv2D', conv(4)],
  ['ReLU', { max_value: 0.8, negative_slope: 0.2, threshold: 0.1 }],
  ['Conv2D', conv(4, { strides: 2 })],
  ['PReLU', { alpha_initializer: 'glorot_uniform' }],
  ['Conv2D', conv(4)],
  ['ReLU', { threshold: -0.1 }],
  ['ELU', { alpha: 0.5 }],
  ['Softmax', { axis: 1 }],
  ['Conv2D', conv(4)],
  ['ReLU', { negative_slope: 0.05 }],
  ['Flatten'],
  ['Dense', { units: 16 }],
  ['ReLU', { threshold: 0.2, negative_slope: 0.1 }],
  ['Dense', { units: 16 }],
  ['ReLU', { max_value: 0.5, negative_slope: 0 }],
  ['Dense', { units: 10 }],
  ['Softmax'],
);

export const TRAINED_ACTIVATION_CASES: { name: string; graph: Graph }[] = [
  { name: 'activation layers cnn', graph: activationLayersCnn },
  { name: 'relu variants cnn', graph: reluVariantsCnn },
];

/** Small models run with random weights: each layer on an image (channels-first in ONNX) and a vector. */
export const RANDOM_ACTIVATION_CASES: { name: string; graph: Graph }[] = [
  ...[
    ['ReLU default', {}],
    ['ReLU capped (Clip)', { max_value: 0.6 }],
    ['ReLU leaky (LeakyRelu)', { negative_slope: 0.3 }],
    ['ReLU threshold only', { threshold: 0.2 }],
    ['ReLU threshold above the cap', { threshold: 0.7, max_value: 0.4, negative_slope: 0.1 }],
    ['ReLU negative threshold, capped', { threshold: -0.3, max_value: 0.5 }],
  ]
    .map(([name, params]) => ({ name: name as string, params: params as Record<string, unknown> }))
    .flatMap(({ name, params }) => [
      { name: `${name} on an image`, graph: chain([5, 5, 2], ['Conv2D', conv(3)], ['ReLU', params]) },
      { name: `${name} on a vector`, graph: chain([6], ['Dense', { units: 5 }], ['ReLU', params]) },
    ]),
  { name: 'LeakyReLU on an image', graph: chain([5, 5, 2], ['Conv2D', conv(3)], ['LeakyReLU']) },
  { name: 'ELU on a vector', graph: chain([6], ['Dense', { units: 5 }], ['ELU', { alpha: 0.7 }]) },
  ...[-1, 1, 2, 3].map((axis) => ({
    name: `Softmax axis ${axis} on an image`,
    graph: chain([4, 5, 2], ['Conv2D', conv(3, { padding: 'same' })], ['Softmax', { axis }]),
  })),
  { name: 'Softmax on a vector', graph: chain([6], ['Dense', { units: 5 }], ['Softmax']) },
  {
    name: 'Softmax axis 1 on a sequence',
    graph: chain(
      [6],
      ['Dense', { units: 12 }],
      ['Reshape', { target_shape: [3, 4] }],
      ['Softmax', { axis: 1 }],
    ),
  },
  ...[null, [1, 2], [3], [1]].map((shared) => ({
    name: `PReLU shared_axes ${JSON.stringify(shared)} on an image`,
    graph: chain([4, 5, 2], ['Conv2D', conv(3, { padding: 'same' })], ['PReLU', { shared_axes: shared }]),
  })),
  { name: 'PReLU on a vector', graph: chain([6], ['Dense', { units: 5 }], ['PReLU']) },
];
