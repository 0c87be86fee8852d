// Gradient checks: the native backward pass against central finite differences of the native forward
// pass, for every layer type, fused activation and loss, on weights and on the input.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../engine';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, graph, type LayerSpec } from '../../engine/testing/graphs';
import { nativeModel, randomFloats, randomLabels } from '../test-support/models';
import type { NativeModel, Targets } from './native-model';

const BATCH = 3;

/** Finite-difference check of up to `samples` entries of every weight and of the input. */
function checkGradients(model: NativeModel, x: Float32Array, y: Targets, training: boolean, h: number) {
  const analytic = model.computeGradients(x, y, { training });
  const lossAt = () => model.computeGradients(x, y, { training }).loss;
  const failures: string[] = [];
  const compare = (label: string, numeric: number, exact: number) => {
    const scale = Math.max(Math.abs(numeric), Math.abs(exact), 1e-2);
    if (Math.abs(numeric - exact) / scale > 3e-2)
      failures.push(`${label}: numeric ${numeric.toExponential(4)} vs analytic ${exact.toExponential(4)}`);
  };
  const weights = model.getWeights();
  for (const [name, gradient] of Object.entries(analytic.gradients)) {
    const values = weights[name] as Float32Array;
    const stride = Math.max(1, Math.floor(values.length / 12));
    for (let i = 0; i < values.length; i += stride) {
      const original = values[i] as number;
      values[i] = original + h;
      model.setWeights({ [name]: values });
      const up = lossAt();
      values[i] = original - h;
      model.setWeights({ [name]: values });
      const down = lossAt();
      values[i] = original;
      model.setWeights({ [name]: values });
      compare(`${name}[${i}]`, (up - down) / (2 * h), gradient[i] as number);
    }
  }
  const stride = Math.max(1, Math.floor(x.length / 12));
  for (let i = 0; i < x.length; i += stride) {
    const original = x[i] as number;
    x[i] = original + h;
    const up = lossAt();
    x[i] = original - h;
    const down = lossAt();
    x[i] = original;
    compare(`input[${i}]`, (up - down) / (2 * h), analytic.inputGradient[i] as number);
  }
  return failures;
}

interface Case {
  name: string;
  input: number[];
  layers: LayerSpec[];
  training?: boolean;
  config?: TrainingConfigInput;
  /** Finite-difference step; max pooling needs one smaller than the gaps between its inputs. */
  h?: number;
}

const mse: TrainingConfigInput = { loss: 'mean_squared_error' };

const cases: Case[] = [
  { name: 'Dense linear', input: [5], layers: [['Dense', { units: 4 }]] },
  { name: 'Dense without bias', input: [5], layers: [['Dense', { units: 3, use_bias: false }]] },
  {
    name: 'Dense on the last axis of an image',
    input: [2, 3, 4],
    layers: [['Dense', { units: 2, activation: 'tanh' }]],
  },
  ...['relu', 'sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'gelu', 'swish'].map((activation) => ({
    name: `Dense + ${activation}`,
    input: [6],
    layers: [['Dense', { units: 4, activation }]] as LayerSpec[],
  })),
  { name: 'Conv2D valid', input: [5, 5, 2], layers: [['Conv2D', { filters: 3, kernel_size: 3 }]] },
  {
    name: 'Conv2D same strided',
    input: [6, 5, 2],
    layers: [['Conv2D', { filters: 2, kernel_size: 3, strides: 2, padding: 'same', activation: 'swish' }]],
  },
  {
    name: 'Conv2D rectangular kernel',
    input: [6, 6, 1],
    layers: [['Conv2D', { filters: 2, kernel_size: [3, 2], strides: [1, 2], activation: 'tanh' }]],
  },
  {
    name: 'Conv2D 1x1',
    input: [3, 3, 4],
    layers: [['Conv2D', { filters: 2, kernel_size: 1, use_bias: false }]],
  },
  { name: 'MaxPooling2D', input: [4, 4, 2], layers: [['MaxPooling2D']], h: 1e-3 },
  {
    name: 'MaxPooling2D same strided',
    input: [5, 5, 1],
    layers: [['MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }]],
    h: 1e-3,
  },
  {
    name: 'AveragePooling2D same',
    input: [5, 5, 2],
    layers: [
      ['Conv2D', { filters: 2, kernel_size: 1 }],
      ['AveragePooling2D', { pool_size: 2, padding: 'same' }],
    ],
  },
  {
    name: 'GlobalAveragePooling2D',
    input: [3, 3, 2],
    layers: [['Conv2D', { filters: 3, kernel_size: 2 }], ['GlobalAveragePooling2D']],
  },
  { name: 'GlobalMaxPooling2D', input: [3, 3, 2], layers: [['GlobalMaxPooling2D']], h: 1e-3 },
  {
    name: 'Flatten and Reshape',
    input: [2, 2, 2],
    layers: [['Flatten'], ['Reshape', { target_shape: [4, 2] }], ['Dense', { units: 2 }]],
  },
  {
    name: 'Dropout (training, fixed mask)',
    input: [8],
    layers: [
      ['Dense', { units: 8 }],
      ['Dropout', { rate: 0.3 }],
    ],
    training: true,
  },
  {
    name: 'BatchNormalization (training)',
    input: [3, 3, 2],
    layers: [['Conv2D', { filters: 2, kernel_size: 1 }], ['BatchNormalization']],
    training: true,
  },
  {
    name: 'BatchNormalization (inference)',
    input: [4],
    layers: [
      ['Dense', { units: 3 }],
      ['BatchNormalization', { center: false }],
    ],
    training: false,
  },
  {
    name: 'Activation gelu',
    input: [5],
    layers: [
      ['Dense', { units: 5 }],
      ['Activation', { activation: 'gelu' }],
    ],
  },
];

function targetsFor(model: NativeModel, config: TrainingConfigInput, count: number, seed: number): Targets {
  if ((config.loss ?? 'sparse_categorical_crossentropy') === 'sparse_categorical_crossentropy')
    return randomLabels(count, model.outputSize, seed);
  return randomFloats(count * model.outputSize, seed, 0.05, 0.95);
}

function run(g: Graph, config: TrainingConfigInput, training: boolean, h = 1e-2) {
  const model = nativeModel(g, config);
  try {
    const x = randomFloats(BATCH * model.inputSize, 7);
    return checkGradients(model, x, targetsFor(model, config, BATCH, 11), training, h);
  } finally {
    model.dispose();
  }
}

describe('gradients match finite differences', () => {
  it.each(cases)('$name', ({ input, layers, training = true, config = mse, h }) => {
    expect(run(chain(input, ...layers), config, training, h)).toEqual([]);
  });

  it.each([
    [
      'sparse categorical cross-entropy fused with softmax',
      { loss: 'sparse_categorical_crossentropy' },
      'softmax',
    ],
    ['categorical cross-entropy fused with softmax', { loss: 'categorical_crossentropy' }, 'softmax'],
    ['categorical cross-entropy on probabilities', { loss: 'categorical_crossentropy' }, 'sigmoid'],
    ['binary cross-entropy fused with sigmoid', { loss: 'binary_crossentropy' }, 'sigmoid'],
    ['binary cross-entropy on probabilities', { loss: 'binary_crossentropy' }, 'softmax'],
    ['mean squared error', { loss: 'mean_squared_error' }, 'linear'],
  ] as const)('%s', (_name, config, activation) => {
    expect(run(chain([6], ['Dense', { units: 4, activation }]), config, true)).toEqual([]);
  });

  it('sums the gradients of a node used twice (residual Add and Concatenate)', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [3, 3, 2] }],
        ['a', 'Conv2D', { filters: 2, kernel_size: 1, activation: 'tanh' }],
        ['b', 'Conv2D', { filters: 2, kernel_size: 3, padding: 'same' }],
        ['sum', 'Add'],
        ['cat', 'Concatenate'],
        ['pool', 'GlobalAveragePooling2D'],
        ['out', 'Dense', { units: 3, activation: 'softmax' }],
      ],
      ['in->a', 'a->b', 'a->sum', 'b->sum', 'sum->cat', 'a->cat', 'cat->pool', 'pool->out'],
    );
    expect(run(g, { loss: 'sparse_categorical_crossentropy' }, true)).toEqual([]);
  });

  it('includes the L2 penalty in the loss and its gradient', () => {
    expect(run(chain([4], ['Dense', { units: 3 }]), { loss: 'mean_squared_error', l2: 0.05 }, true)).toEqual(
      [],
    );
  });
});
