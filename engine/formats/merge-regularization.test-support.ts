// Test support: one MNIST-sized graph with every layer of the merge and regularization group
// (Multiply, Subtract, Average, Maximum, Minimum), shared by the ONNX, PyTorch and TF.js parity tests.
// Inputs mix layouts on purpose: Conv outputs run channels-first in ONNX, Dense on an image channels-last.
import type { Graph } from '../graph';
import { graph } from '../testing/graphs';

type Node = readonly [string, string, Record<string, unknown>?];

/**
 * The group's graph; `tfjsOnly` leaves out the layers @tensorflow/tfjs cannot load (Subtract), so
 * tf.loadLayersModel can run the export.
 */
export function mergeRegularizationGraph({ tfjsOnly = false } = {}): Graph {
  const nodes: Node[] = [
    ['in', 'InputLayer', { shape: [28, 28, 1] }],
    ['a', 'Conv2D', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }],
    ['b', 'Conv2D', { filters: 4, kernel_size: 1, strides: 2 }],
    ['c', 'Conv2D', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'tanh' }],
    ['d', 'Dense', { units: 4, activation: 'sigmoid' }],
    ['mul', 'Multiply'],
    ...(tfjsOnly ? [] : ([['sub', 'Subtract']] as Node[])),
    ['avg', 'Average'],
    ['max', 'Maximum'],
    ['min', 'Minimum'],
    ['pool', 'MaxPooling2D', { pool_size: 2 }],
    ['flat', 'Flatten'],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ];
  const second = tfjsOnly ? 'b' : 'sub';
  const edges = [
    ...['in->a', 'in->b', 'in->c', 'a->mul', 'b->mul', 'c->mul'],
    ...(tfjsOnly ? [] : ['a->sub', 'c->sub']),
    ...['mul->avg', `${second}->avg`, 'c->avg', 'avg->max', 'a->max', 'b->d'],
    // Minimum of a channels-first (Conv) and a channels-last (Dense on an image) value in ONNX.
    ...['max->min', 'd->min', 'min->pool', 'pool->flat', 'flat->out'],
  ];
  return graph(nodes, edges);
}
