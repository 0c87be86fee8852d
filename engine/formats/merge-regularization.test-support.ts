// Test support: one MNIST-sized graph with every layer of the merge and regularization group
// (Multiply, Subtract, Average, Maximum, Minimum, SpatialDropout2D, GaussianNoise,
// ActivityRegularization), shared by the ONNX, PyTorch and TF.js parity tests. Inputs mix layouts on
// purpose: Conv outputs run channels-first in ONNX, Dense on an image channels-last.
import type { Graph } from '../graph';
import { graph } from '../testing/graphs';

type Node = readonly [string, string, Record<string, unknown>?];

/** Layers @tensorflow/tfjs cannot load: it has no Subtract, SpatialDropout2D or ActivityRegularization. */
export const NOT_IN_TFJS = ['Subtract', 'SpatialDropout2D', 'ActivityRegularization'];

/**
 * The group's graph; `tfjsOnly` leaves out the layers of NOT_IN_TFJS (a left-out single-input layer's
 * consumers read its input instead), so tf.loadLayersModel can run the export.
 */
export function mergeRegularizationGraph({ tfjsOnly = false } = {}): Graph {
  const nodes: Node[] = [
    ['in', 'InputLayer', { shape: [28, 28, 1] }],
    ['a', 'Conv2D', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }],
    ['b', 'Conv2D', { filters: 4, kernel_size: 1, strides: 2 }],
    ['c', 'Conv2D', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'tanh' }],
    ['d', 'Dense', { units: 4, activation: 'sigmoid' }],
    ['mul', 'Multiply'],
    ['sub', 'Subtract'],
    ['avg', 'Average'],
    ['max', 'Maximum'],
    ['min', 'Minimum'],
    ['drop', 'SpatialDropout2D', { rate: 0.25 }],
    ['pool', 'MaxPooling2D', { pool_size: 2 }],
    ['flat', 'Flatten'],
    ['noise', 'GaussianNoise', { stddev: 0.2 }],
    ['activity', 'ActivityRegularization', { l1: 1e-4, l2: 2e-4 }],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ];
  const edges = [
    ...['in->a', 'in->b', 'in->c', 'a->mul', 'b->mul', 'c->mul', 'a->sub', 'c->sub'],
    ...['mul->avg', 'sub->avg', 'c->avg', 'avg->max', 'a->max', 'b->d'],
    // Minimum of a channels-first (Conv) and a channels-last (Dense on an image) value in ONNX.
    ...['max->min', 'd->min', 'min->drop', 'drop->pool', 'pool->flat', 'flat->noise', 'noise->activity'],
    'activity->out',
  ];
  if (!tfjsOnly) return graph(nodes, edges);
  // Subtract feeds Average only: Average of the other two keeps the graph's shape.
  const left = new Set(nodes.filter(([, type]) => NOT_IN_TFJS.includes(type)).map(([id]) => id));
  const source = (id: string): string =>
    left.has(id) ? source(edges.find((e) => e.endsWith(`->${id}`))?.split('->')[0] ?? '') : id;
  const kept = edges.flatMap((e) => {
    const [from = '', to = ''] = e.split('->');
    return left.has(to) || (left.has(from) && to === 'avg') ? [] : [`${source(from)}->${to}`];
  });
  return graph(
    nodes.filter(([id]) => !left.has(id)),
    kept,
  );
}
