// Each layer's shape rule and parameter counts against what Keras reports for the same layer.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { chain, type LayerSpec } from '../testing/graphs';

interface Case {
  name: string;
  input: number[];
  layer: LayerSpec;
  shape: number[];
  trainable: number;
  nonTrainable?: number;
}

// Expected values are Keras' model.summary() for the same layer on the same input.
const cases: Case[] = [
  {
    name: 'InputLayer',
    input: [28, 28, 1],
    layer: ['Dropout', { rate: 0 }],
    shape: [28, 28, 1],
    trainable: 0,
  },
  {
    name: 'Dense 784->128',
    input: [784],
    layer: ['Dense', { units: 128, activation: 'relu' }],
    shape: [128],
    trainable: 100_480,
  },
  {
    name: 'Dense without bias',
    input: [784],
    layer: ['Dense', { units: 128, use_bias: false }],
    shape: [128],
    trainable: 100_352,
  },
  {
    name: 'Dense on the last axis of an image',
    input: [5, 5, 64],
    layer: ['Dense', { units: 10 }],
    shape: [5, 5, 10],
    trainable: 650,
  },
  {
    name: 'Conv2D valid 3x3',
    input: [28, 28, 1],
    layer: ['Conv2D', { filters: 32, kernel_size: 3 }],
    shape: [26, 26, 32],
    trainable: 320,
  },
  {
    name: 'Conv2D 64 on 32 channels',
    input: [13, 13, 32],
    layer: ['Conv2D', { filters: 64, kernel_size: [3, 3] }],
    shape: [11, 11, 64],
    trainable: 18_496,
  },
  {
    name: 'Conv2D same stride 2',
    input: [32, 32, 3],
    layer: ['Conv2D', { filters: 64, kernel_size: 3, strides: 2, padding: 'same' }],
    shape: [16, 16, 64],
    trainable: 1_792,
  },
  {
    name: 'Conv2D same stride 2, odd input',
    input: [7, 7, 3],
    layer: ['Conv2D', { filters: 8, kernel_size: 3, strides: 2, padding: 'same' }],
    shape: [4, 4, 8],
    trainable: 224,
  },
  {
    name: 'Conv2D valid stride 2, odd input',
    input: [7, 7, 3],
    layer: ['Conv2D', { filters: 8, kernel_size: 3, strides: 2 }],
    shape: [3, 3, 8],
    trainable: 224,
  },
  {
    name: 'Conv2D rectangular kernel and strides',
    input: [28, 28, 1],
    layer: ['Conv2D', { filters: 4, kernel_size: [5, 3], strides: [2, 1] }],
    shape: [12, 26, 4],
    trainable: 64,
  },
  {
    name: 'Conv2D same stride 1 keeps size',
    input: [28, 28, 1],
    layer: ['Conv2D', { filters: 6, kernel_size: 5, padding: 'same' }],
    shape: [28, 28, 6],
    trainable: 156,
  },
  {
    name: 'Conv2D 1x1 without bias',
    input: [8, 8, 16],
    layer: ['Conv2D', { filters: 4, kernel_size: 1, use_bias: false }],
    shape: [8, 8, 4],
    trainable: 64,
  },
  {
    name: 'MaxPooling2D 2',
    input: [26, 26, 32],
    layer: ['MaxPooling2D', { pool_size: 2 }],
    shape: [13, 13, 32],
    trainable: 0,
  },
  {
    name: 'MaxPooling2D odd input floors',
    input: [11, 11, 64],
    layer: ['MaxPooling2D'],
    shape: [5, 5, 64],
    trainable: 0,
  },
  {
    name: 'MaxPooling2D same rounds up',
    input: [5, 5, 8],
    layer: ['MaxPooling2D', { padding: 'same' }],
    shape: [3, 3, 8],
    trainable: 0,
  },
  {
    name: 'MaxPooling2D 3 stride 2',
    input: [7, 7, 8],
    layer: ['MaxPooling2D', { pool_size: 3, strides: 2 }],
    shape: [3, 3, 8],
    trainable: 0,
  },
  {
    name: 'MaxPooling2D 3 stride 2 same',
    input: [7, 7, 8],
    layer: ['MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }],
    shape: [4, 4, 8],
    trainable: 0,
  },
  {
    name: 'AveragePooling2D strides 1',
    input: [6, 6, 2],
    layer: ['AveragePooling2D', { pool_size: [2, 3], strides: 1 }],
    shape: [5, 4, 2],
    trainable: 0,
  },
  {
    name: 'GlobalAveragePooling2D',
    input: [7, 7, 64],
    layer: ['GlobalAveragePooling2D'],
    shape: [64],
    trainable: 0,
  },
  { name: 'GlobalMaxPooling2D', input: [3, 5, 16], layer: ['GlobalMaxPooling2D'], shape: [16], trainable: 0 },
  { name: 'Flatten', input: [3, 3, 64], layer: ['Flatten'], shape: [576], trainable: 0 },
  { name: 'Flatten of a vector', input: [10], layer: ['Flatten'], shape: [10], trainable: 0 },
  {
    name: 'Reshape',
    input: [784],
    layer: ['Reshape', { target_shape: [28, 28, 1] }],
    shape: [28, 28, 1],
    trainable: 0,
  },
  {
    name: 'Reshape with -1',
    input: [28, 28],
    layer: ['Reshape', { target_shape: [-1, 7] }],
    shape: [112, 7],
    trainable: 0,
  },
  { name: 'Dropout', input: [128], layer: ['Dropout', { rate: 0.25 }], shape: [128], trainable: 0 },
  {
    name: 'BatchNormalization on channels',
    input: [26, 26, 32],
    layer: ['BatchNormalization'],
    shape: [26, 26, 32],
    trainable: 64,
    nonTrainable: 64,
  },
  {
    name: 'BatchNormalization without center',
    input: [100],
    layer: ['BatchNormalization', { center: false }],
    shape: [100],
    trainable: 100,
    nonTrainable: 200,
  },
  {
    name: 'BatchNormalization without scale or center',
    input: [10],
    layer: ['BatchNormalization', { center: false, scale: false }],
    shape: [10],
    trainable: 0,
    nonTrainable: 20,
  },
  {
    name: 'Activation',
    input: [4, 4, 3],
    layer: ['Activation', { activation: 'gelu' }],
    shape: [4, 4, 3],
    trainable: 0,
  },
];

describe('layer shape rules and parameter counts (Keras numbers)', () => {
  it.each(cases)('$name', ({ input, layer, shape, trainable, nonTrainable = 0 }) => {
    const analysis = analyzeGraph(chain(input, layer));
    expect(analysis.issues).toEqual([]);
    const node = analysis.byId.get('n1');
    expect(node?.outputShape).toEqual(shape);
    expect(node?.trainableParams).toBe(trainable);
    expect(node?.nonTrainableParams).toBe(nonTrainable);
  });

  it('gives weights Keras names, layouts and initializers', () => {
    const analysis = analyzeGraph(
      chain(
        [28, 28, 1],
        ['Conv2D', { filters: 8, kernel_size: [5, 3] }],
        ['Flatten'],
        ['BatchNormalization'],
      ),
    );
    expect(analysis.byId.get('n1')?.weights).toEqual([
      { name: 'kernel', shape: [5, 3, 1, 8], trainable: true, initializer: 'glorot_uniform' },
      { name: 'bias', shape: [8], trainable: true, initializer: 'zeros' },
    ]);
    expect(analysis.byId.get('n3')?.weights.map((w) => [w.name, w.trainable, w.initializer])).toEqual([
      ['gamma', true, 'ones'],
      ['beta', true, 'zeros'],
      ['moving_mean', false, 'zeros'],
      ['moving_variance', false, 'ones'],
    ]);
  });

  it('applies Keras defaults: pooling strides follow pool_size, Dense starts linear with a bias', () => {
    const analysis = analyzeGraph(
      chain([8, 8, 1], ['MaxPooling2D', { pool_size: 4 }], ['Flatten'], ['Dense']),
    );
    expect(analysis.byId.get('n1')?.params).toMatchObject({
      pool_size: [4, 4],
      strides: null,
      padding: 'valid',
    });
    expect(analysis.byId.get('n1')?.outputShape).toEqual([2, 2, 1]);
    expect(analysis.byId.get('n3')?.params).toMatchObject({
      activation: 'linear',
      use_bias: true,
      kernel_initializer: 'glorot_uniform',
    });
    const bn = analyzeGraph(chain([4], ['BatchNormalization'])).byId.get('n1');
    expect(bn?.params).toMatchObject({ momentum: 0.99, epsilon: 0.001 });
    const concat = analyzeGraph(chain([4], ['Dropout'])).byId.get('n1');
    expect(concat?.params).toEqual({ rate: 0.5 });
  });
});
