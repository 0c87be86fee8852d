// Test support: graphs of the 1-D layers shared by their export parity tests (ONNX, PyTorch, TF.js).
// MNIST images read as sequences: 28 rows (steps) of 28 pixels (channels).
import type { Graph } from '../../engine/graph';
import { chain } from '../../engine/testing/graphs';

/** The brief's model: an InputLayer of shape [28, 28] takes the MNIST rows directly. */
export const mnistRows = chain(
  [28, 28],
  ['Conv1D', { filters: 32, kernel_size: 3, activation: 'relu' }],
  ['MaxPooling1D'],
  ['GlobalAveragePooling1D'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

/** From the image input through Reshape; asymmetric 'same' padding (even kernel, strides), every 1-D
 *  layer, Flatten of a sequence and a channel softmax. */
export const sequenceBranches = chain(
  [28, 28, 1],
  ['Reshape', { target_shape: [28, 28] }],
  ['Conv1D', { filters: 12, kernel_size: 4, strides: 2, padding: 'same', activation: 'tanh' }],
  ['AveragePooling1D', { pool_size: 3, strides: 2, padding: 'same' }],
  ['Conv1D', { filters: 8, kernel_size: 2, padding: 'same', use_bias: false, activation: 'elu' }],
  ['MaxPooling1D', { pool_size: 3, strides: 1, padding: 'same' }],
  ['Conv1D', { filters: 6, kernel_size: 3, activation: 'softmax' }],
  ['Flatten'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

/** Strided Conv1D, leaky_relu (a separate LeakyReLU layer in TF.js), GlobalMaxPooling1D. */
export const globalMax = chain(
  [28, 28],
  ['Conv1D', { filters: 8, kernel_size: 5, strides: 3, activation: 'swish' }],
  ['Conv1D', { filters: 6, kernel_size: 2, padding: 'same', activation: 'leaky_relu' }],
  ['AveragePooling1D', { pool_size: 2 }],
  ['GlobalMaxPooling1D'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

/** 'causal' padding, plain and strided (TensorFlow.js cannot run it: its export refuses it). */
export const causalRows = chain(
  [28, 28],
  ['Conv1D', { filters: 16, kernel_size: 4, padding: 'causal', activation: 'relu' }],
  ['Conv1D', { filters: 8, kernel_size: 3, strides: 2, padding: 'causal', activation: 'tanh' }],
  ['GlobalAveragePooling1D'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

/** The graphs every exporter is checked on; `tfjs: false` where TensorFlow.js cannot run the model. */
export const SEQUENCE_GRAPHS: { name: string; graph: Graph; tfjs?: false }[] = [
  { name: 'MNIST rows: Conv1D, MaxPooling1D, GlobalAveragePooling1D, Dense', graph: mnistRows },
  { name: "Reshape to rows, 'same' 1-D windows, Flatten", graph: sequenceBranches },
  { name: 'strided Conv1D, leaky_relu, AveragePooling1D, GlobalMaxPooling1D', graph: globalMax },
  { name: "'causal' Conv1D, plain and strided", graph: causalRows, tfjs: false },
];
