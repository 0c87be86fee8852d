// The 1-D layers' definitions: shape rules and parameter counts against Keras' formulas, `layerwise
// summary` of the MNIST-rows model, user errors that name the layer and the field, Keras 3 defaults, and
// the lines the Keras and PyTorch scripts write for them ('causal' padding included).
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { compileGraph } from '../compile';
import { exportKeras, exportPytorch } from '../formats/python';
import type { Graph } from '../graph';
import { summarize } from '../summary';
import { chain, type LayerSpec } from '../testing/graphs';
import {
  causalRows,
  globalMax,
  mnistRows,
  sequenceBranches,
} from '../../worker-native/test-support/sequence-graphs';

interface Case {
  name: string;
  input: number[];
  layer: LayerSpec;
  shape: number[];
  trainable: number;
}

// Keras' formulas (what model.summary() prints for the same layer on the same input):
//   Conv1D params = kernel_size * in_channels * filters + filters (the bias, when use_bias);
//   steps out: 'valid' floor((steps - kernel_size) / strides) + 1, 'same' ceil(steps / strides).
//   Pooling1D: no params; strides default to pool_size; same step arithmetic.
//   GlobalAveragePooling1D / GlobalMaxPooling1D: no params, (steps, channels) -> (channels).
const cases: Case[] = [
  {
    name: 'Conv1D(32, 3) on MNIST rows',
    input: [28, 28],
    layer: ['Conv1D', { filters: 32, kernel_size: 3, activation: 'relu' }],
    shape: [26, 32],
    trainable: 3 * 28 * 32 + 32, // 2,720
  },
  {
    name: "Conv1D(16, 5, strides 2, 'same') without bias",
    input: [28, 28],
    layer: ['Conv1D', { filters: 16, kernel_size: 5, strides: 2, padding: 'same', use_bias: false }],
    shape: [14, 16],
    trainable: 5 * 28 * 16, // 2,240
  },
  {
    name: 'Conv1D(8, 4, strides 3) valid',
    input: [20, 3],
    layer: ['Conv1D', { filters: 8, kernel_size: 4, strides: 3 }],
    shape: [6, 8],
    trainable: 4 * 3 * 8 + 8, // 104
  },
  {
    name: 'Conv1D with Keras 3 one-element tuples',
    input: [10, 2],
    layer: ['Conv1D', { filters: 4, kernel_size: [3], strides: [2] }],
    shape: [4, 4],
    trainable: 3 * 2 * 4 + 4,
  },
  {
    name: "Conv1D(4, 3, 'causal'): as many steps as the input",
    input: [28, 28],
    layer: ['Conv1D', { filters: 4, kernel_size: 3, padding: 'causal' }],
    shape: [28, 4],
    trainable: 3 * 28 * 4 + 4,
  },
  {
    name: "Conv1D(4, 3, strides 2, 'causal'): ceil(steps / strides)",
    input: [7, 2],
    layer: ['Conv1D', { filters: 4, kernel_size: 3, strides: 2, padding: 'causal' }],
    shape: [4, 4],
    trainable: 3 * 2 * 4 + 4,
  },
  { name: 'MaxPooling1D default', input: [26, 32], layer: ['MaxPooling1D'], shape: [13, 32], trainable: 0 },
  {
    name: "MaxPooling1D(3, strides 2, 'same')",
    input: [7, 4],
    layer: ['MaxPooling1D', { pool_size: 3, strides: 2, padding: 'same' }],
    shape: [4, 4],
    trainable: 0,
  },
  {
    name: 'AveragePooling1D(3): strides follow pool_size',
    input: [10, 2],
    layer: ['AveragePooling1D', { pool_size: 3 }],
    shape: [3, 2],
    trainable: 0,
  },
  {
    name: 'GlobalAveragePooling1D',
    input: [13, 32],
    layer: ['GlobalAveragePooling1D'],
    shape: [32],
    trainable: 0,
  },
  { name: 'GlobalMaxPooling1D', input: [5, 7], layer: ['GlobalMaxPooling1D'], shape: [7], trainable: 0 },
];

describe('1-D layers: shape rules and parameter counts (Keras numbers)', () => {
  it.each(cases)('$name', ({ input, layer, shape, trainable }) => {
    const analysis = analyzeGraph(chain(input, layer));
    expect(analysis.issues).toEqual([]);
    const node = analysis.byId.get('n1');
    expect(node?.outputShape).toEqual(shape);
    expect(node?.trainableParams).toBe(trainable);
    expect(node?.nonTrainableParams).toBe(0);
  });

  it('gives the Conv1D kernel Keras layout (kernel_size, in_channels, filters) and Keras fans', () => {
    const compiled = compileGraph(chain([28, 28], ['Conv1D', { filters: 8, kernel_size: 5 }]));
    if (!compiled.ok) throw new Error('does not compile');
    const weights = compiled.plan.nodes[1]?.weights.map((w) => [w.name, w.shape, w.fanIn, w.fanOut]);
    expect(weights).toEqual([
      ['conv1d/kernel', [5, 28, 8], 5 * 28, 5 * 8],
      ['conv1d/bias', [8], 8, 8],
    ]);
  });

  it('layerwise summary of the MNIST-rows model: the counts Keras prints', () => {
    const compiled = compileGraph(mnistRows);
    if (!compiled.ok) throw new Error('does not compile');
    const summary = summarize(compiled.analysis);
    expect(summary.layers.map((l) => [l.type, l.output_shape, l.params])).toEqual([
      ['InputLayer', [null, 28, 28], 0],
      ['Conv1D', [null, 26, 32], 2_720],
      ['MaxPooling1D', [null, 13, 32], 0],
      ['GlobalAveragePooling1D', [null, 32], 0],
      ['Dense', [null, 10], 32 * 10 + 10],
    ]);
    expect(summary.total_params).toBe(3_050);
    expect(summary.trainable_params).toBe(3_050);
  });

  it('applies Keras 3 defaults', () => {
    const analysis = analyzeGraph(chain([12, 3], ['Conv1D'], ['MaxPooling1D'], ['GlobalMaxPooling1D']));
    expect(analysis.byId.get('n1')?.params).toEqual({
      filters: 32,
      kernel_size: 3,
      strides: 1,
      padding: 'valid',
      activation: 'linear',
      use_bias: true,
      kernel_initializer: 'glorot_uniform',
      bias_initializer: 'zeros',
      kernel_regularizer: null,
    });
    expect(analysis.byId.get('n2')?.params).toEqual({ pool_size: 2, strides: null, padding: 'valid' });
    expect(analysis.byId.get('n3')?.params).toEqual({});
  });
});

const issuesOf = (g: Graph) => analyzeGraph(g).issues.map((i) => [i.code, i.where.field, i.message]);

describe('1-D layers: user errors name the layer and the field', () => {
  it.each(['Conv1D', 'MaxPooling1D', 'AveragePooling1D', 'GlobalAveragePooling1D', 'GlobalMaxPooling1D'])(
    '%s on an image or a flat vector asks for a (steps, channels) input',
    (type) => {
      for (const input of [[28, 28, 1], [784]]) {
        const [issue] = issuesOf(chain(input, [type]));
        expect(issue?.[0]).toBe('E_RANK');
        expect(issue?.[2]).toMatch(
          /needs a \(steps, channels\) input, got .*: add a Reshape to \(steps, channels\) before it$/,
        );
      }
    },
  );

  it('refuses a window longer than a valid input, naming its field', () => {
    expect(issuesOf(chain([28, 28], ['Conv1D', { kernel_size: 30 }]))).toEqual([
      [
        'E_NON_POSITIVE_SHAPE',
        'kernel_size',
        expect.stringMatching(
          /kernel_size 30 is larger than its 28 input: use a smaller kernel_size or padding 'same'/,
        ),
      ],
    ]);
    const [pool] = issuesOf(chain([3, 2], ['AveragePooling1D', { pool_size: 4 }]));
    expect(pool?.slice(0, 2)).toEqual(['E_NON_POSITIVE_SHAPE', 'pool_size']);
    expect(issuesOf(chain([3, 2], ['AveragePooling1D', { pool_size: 4, padding: 'same' }]))).toEqual([]);
  });

  it.each([
    ['Conv1D', 'kernel_size', [3, 3]],
    ['Conv1D', 'strides', 0],
    ['Conv1D', 'kernel_size', 2.5],
    ['MaxPooling1D', 'strides', [0]],
    ['AveragePooling1D', 'pool_size', 'two'],
  ])('%s %s %j: a whole number or a one-element list of one', (type, field, value) => {
    const [issue] = issuesOf(chain([8, 2], [type, { [field]: value }]));
    expect(issue?.[0]).toBe('E_PARAM');
    expect(issue?.[1]).toBe(field);
    expect(issue?.[2]).toMatch(/must be a whole number from 1 to 65536, or a one-element list of one/);
  });

  it('refuses a padding Keras does not have, listing the three it does', () => {
    const [issue] = issuesOf(chain([8, 2], ['Conv1D', { padding: 'full' }]));
    expect(issue?.slice(0, 2)).toEqual(['E_PARAM', 'padding']);
    expect(issue?.[2]).toMatch(/'valid', 'same', 'causal'/);
  });
});

describe('1-D layers in the Keras and PyTorch scripts', () => {
  const model = (g: Graph) => ({
    format: 'layerwise-model' as const,
    version: 2 as const,
    name: 'rows',
    graph: g,
  });
  const text = (result: ReturnType<typeof exportKeras>) => {
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    return String(result.value[0]?.data);
  };

  it.each([
    [
      'keras',
      mnistRows,
      'layers.Conv1D(32, 3, activation="relu", kernel_regularizer=regularizer, name="conv1d")',
    ],
    ['keras', mnistRows, 'layers.MaxPooling1D(2, name="max_pooling1d")'],
    ['keras', mnistRows, 'layers.GlobalAveragePooling1D(name="global_average_pooling1d")'],
    [
      'keras',
      sequenceBranches,
      'layers.AveragePooling1D(3, strides=2, padding="same", name="average_pooling1d")',
    ],
    ['pytorch', mnistRows, 'self.conv1d = nn.Conv1d(28, 32, kernel_size=3)'],
    ['pytorch', mnistRows, 'torch.relu(self.conv1d(input_layer.transpose(1, 2)).transpose(1, 2))'],
    ['pytorch', mnistRows, 'self.max_pooling1d(conv1d.transpose(1, 2)).transpose(1, 2)'],
    ['pytorch', mnistRows, 'global_average_pooling1d = max_pooling1d.mean(dim=1)'],
    ['pytorch', mnistRows, '("conv1d/kernel", "conv1d.weight", "conv_kernel", "glorot_uniform", 84, 96)'],
    ['pytorch', sequenceBranches, 'nn.Conv1d(28, 12, kernel_size=4, stride=2, padding=1)'],
    ['pytorch', sequenceBranches, 'nn.Conv1d(12, 8, kernel_size=2, bias=False)'],
    ['pytorch', sequenceBranches, 'F.pad(average_pooling1d.transpose(1, 2), (0, 1))'],
    [
      'pytorch',
      sequenceBranches,
      'average_pool_same(self.average_pooling1d, conv1d.transpose(1, 2), (0, 1))',
    ],
    ['pytorch', sequenceBranches, 'nn.MaxPool1d(kernel_size=3, stride=1)'],
    [
      'pytorch',
      causalRows,
      'torch.relu(self.conv1d(F.pad(input_layer.transpose(1, 2), (3, 0))).transpose(1, 2))',
    ],
    ['pytorch', causalRows, 'nn.Conv1d(16, 8, kernel_size=3, stride=2)'],
    [
      'pytorch',
      globalMax,
      'F.leaky_relu(self.conv1d_1(F.pad(conv1d.transpose(1, 2), (0, 1))).transpose(1, 2), 0.2)',
    ],
    ['keras', causalRows, 'layers.Conv1D(16, 4, padding="causal", activation="relu"'],
  ] as const)('%s script contains %s', (format, g, line) => {
    expect(text(format === 'keras' ? exportKeras(model(g)) : exportPytorch(model(g)))).toContain(line);
  });
});
