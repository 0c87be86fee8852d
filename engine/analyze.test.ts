// Every validation error the analyzer reports, each with its code, node and field.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';
import type { IssueCode } from './issues';
import { chain, graph } from './testing/graphs';

const codes = (g: Graph) =>
  analyzeGraph(g).issues.map((i) => [i.code, i.where.nodeId ?? null, i.where.field ?? null]);

interface Case {
  name: string;
  graph: Graph;
  expected: [IssueCode, string | null, string | null][];
  message?: RegExp;
}

const cases: Case[] = [
  {
    name: 'unknown layer type',
    graph: chain([4], ['Dense2']),
    expected: [['E_UNKNOWN_TYPE', 'n1', 'type']],
    message: /unknown layer type 'Dense2'/,
  },
  {
    name: 'out-of-range param',
    graph: chain([28, 28, 1], ['Conv2D', { filters: 0 }]),
    expected: [['E_PARAM', 'n1', 'filters']],
    message: /filters must be a whole number from 1/,
  },
  {
    name: 'param of the wrong type',
    graph: chain([4], ['Dense', { units: 'ten' }]),
    expected: [['E_PARAM', 'n1', 'units']],
  },
  {
    name: 'fractional int param',
    graph: chain([4], ['Dense', { units: 2.5 }]),
    expected: [['E_PARAM', 'n1', 'units']],
  },
  {
    name: 'unknown activation',
    graph: chain([4], ['Dense', { activation: 'relu6' }]),
    expected: [['E_PARAM', 'n1', 'activation']],
    message: /must be one of 'linear', 'relu'/,
  },
  {
    name: 'dropout rate of 1',
    graph: chain([4], ['Dropout', { rate: 1 }]),
    expected: [['E_PARAM', 'n1', 'rate']],
  },
  {
    name: 'bad pair',
    graph: chain([28, 28, 1], ['Conv2D', { kernel_size: [3, 3, 3] }]),
    expected: [['E_PARAM', 'n1', 'kernel_size']],
  },
  { name: 'bad input shape', graph: chain([28, 0, 1]), expected: [['E_PARAM', 'n0', 'shape']] },
  {
    name: 'unknown param with a suggestion',
    graph: chain([28, 28, 1], ['Conv2D', { filter: 8 }]),
    expected: [['E_UNKNOWN_PARAM', 'n1', 'filter']],
    message: /did you mean 'filters'/,
  },
  {
    name: 'params that are not an object',
    graph: chain([4], ['Dense', [1, 2] as unknown as Record<string, unknown>]),
    expected: [['E_SCHEMA', 'n1', 'params']],
  },
  {
    name: 'edge to a missing node',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['d', 'Dense'],
      ],
      ['in->d', 'd->ghost'],
    ),
    expected: [['E_EDGE_MISSING_NODE', 'd', null]],
    message: /connected to 'ghost', which does not exist/,
  },
  {
    name: 'edge from a missing node',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Add'],
      ],
      ['in->a', 'ghost->a'],
    ),
    expected: [
      ['E_EDGE_MISSING_NODE', 'a', null],
      ['E_INPUT_COUNT', 'a', null],
    ],
  },
  {
    name: 'cycle',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Add'],
        ['b', 'Dense', { units: 4 }],
        ['out', 'Dense'],
      ],
      ['in->a', 'a->b', 'b->a', 'b->out'],
    ),
    expected: [
      ['E_CYCLE', 'a', null],
      ['E_CYCLE', 'b', null],
    ],
    message: /^add → dense → add form a cycle: connections must flow one way/,
  },
  {
    name: 'self loop',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Add'],
      ],
      ['in->a', 'a->a'],
    ),
    expected: [['E_CYCLE', 'a', null]],
  },
  {
    name: 'no input',
    graph: graph([['d', 'Dense']], []),
    expected: [
      ['E_NO_INPUT', null, null],
      ['E_INPUT_COUNT', 'd', null],
    ],
  },
  { name: 'empty graph', graph: graph([], []), expected: [['E_NO_INPUT', null, null]] },
  {
    name: 'two inputs',
    graph: graph(
      [
        ['a', 'InputLayer', { shape: [4] }],
        ['b', 'InputLayer', { shape: [4] }],
        ['m', 'Add'],
      ],
      ['a->m', 'b->m'],
    ),
    expected: [['E_MULTIPLE_INPUTS', 'b', null]],
  },
  {
    name: 'more than one output',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Dense'],
        ['b', 'Dense'],
      ],
      ['in->a', 'in->b'],
    ),
    expected: [
      ['E_MULTIPLE_OUTPUTS', 'a', null],
      ['E_MULTIPLE_OUTPUTS', 'b', null],
    ],
  },
  {
    name: 'two inputs into a one-input layer',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Dense'],
        ['b', 'Dense'],
      ],
      ['in->a', 'in->b', 'a->b'],
    ),
    expected: [['E_INPUT_COUNT', 'b', null]],
    message: /^dense_1 takes one input, but 2 are connected \(input_layer, dense\): remove all but one$/,
  },
  {
    name: 'a merge with one input',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Add'],
      ],
      ['in->a'],
    ),
    expected: [['E_INPUT_COUNT', 'a', null]],
    message: /^add needs at least 2 inputs, but has 1 \(input_layer\): connect another layer to it$/,
  },
  {
    name: 'an edge into the InputLayer',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['d', 'Dense'],
        ['x', 'InputLayer', { shape: [4] }],
      ],
      ['x->in', 'in->d'],
    ),
    expected: [
      ['E_INPUT_COUNT', 'in', null],
      ['E_MULTIPLE_INPUTS', 'x', null],
    ],
  },
  {
    name: 'rank mismatch: Conv2D after Flatten',
    graph: chain([28, 28, 1], ['Flatten'], ['Conv2D']),
    expected: [['E_RANK', 'n2', null]],
    message:
      /^conv2d needs a \(height, width, channels\) input, got flatten \(784,\): move it before the Flatten/,
  },
  {
    name: 'rank mismatch: pooling a vector',
    graph: chain([10], ['MaxPooling2D']),
    expected: [['E_RANK', 'n1', null]],
  },
  {
    name: 'rank mismatch: global pooling a vector',
    graph: chain([10], ['GlobalAveragePooling2D']),
    expected: [['E_RANK', 'n1', null]],
  },
  {
    name: 'kernel larger than its input',
    graph: chain([28, 28, 1], ['Conv2D', { kernel_size: 29 }]),
    expected: [['E_NON_POSITIVE_SHAPE', 'n1', 'kernel_size']],
    message: /^conv2d's kernel_size 29x29 is larger than its 28x28 input/,
  },
  {
    name: 'pool larger than its input after shrinking',
    graph: chain([28, 28, 1], ['MaxPooling2D', { pool_size: 8 }], ['MaxPooling2D', { pool_size: 4 }]),
    expected: [['E_NON_POSITIVE_SHAPE', 'n2', 'pool_size']],
  },
  {
    name: 'reshape to another size',
    graph: chain([784], ['Reshape', { target_shape: [10, 10] }]),
    expected: [['E_SHAPE_MISMATCH', 'n1', 'target_shape']],
  },
  {
    name: 'reshape with an indivisible -1',
    graph: chain([10], ['Reshape', { target_shape: [-1, 3] }]),
    expected: [['E_SHAPE_MISMATCH', 'n1', 'target_shape']],
  },
  {
    name: 'duplicate node id',
    graph: graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['in', 'Dense'],
      ],
      [],
    ),
    expected: [['E_DUPLICATE_ID', 'in', 'id']],
  },
  {
    name: 'duplicate layer name',
    graph: {
      nodes: [
        { id: 'in', type: 'InputLayer', params: { shape: [4] } },
        { id: 'a', type: 'Dense', name: 'hidden' },
        { id: 'b', type: 'Dense', name: 'hidden' },
      ],
      edges: [
        { source: 'in', target: 'a' },
        { source: 'a', target: 'b' },
      ],
    },
    expected: [['E_DUPLICATE_NAME', 'b', 'name']],
  },
];

describe('graph validation', () => {
  it.each(cases)('$name', ({ graph: g, expected, message }) => {
    expect(codes(g)).toEqual(expected);
    if (message)
      expect(
        analyzeGraph(g)
          .issues.map((i) => i.message)
          .join('\n'),
      ).toMatch(message);
  });

  it('collects every problem in one pass, grouped by node', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [28, 28, 1] }],
        ['c', 'Conv2D', { filters: -1, padding: 'full' }],
        ['x', 'Mystery'],
        ['f', 'Flatten'],
      ],
      ['in->c', 'c->f', 'in->x'],
    );
    expect(codes(g)).toEqual([
      ['E_PARAM', 'c', 'filters'],
      ['E_PARAM', 'c', 'padding'],
      ['E_UNKNOWN_TYPE', 'x', 'type'],
      ['E_MULTIPLE_OUTPUTS', 'x', null],
      ['E_MULTIPLE_OUTPUTS', 'f', null],
    ]);
  });

  it('does not cascade: layers after a broken one get no shape error of their own', () => {
    const analysis = analyzeGraph(
      chain([28, 28, 1], ['Conv2D', { kernel_size: 40 }], ['Conv2D'], ['Flatten'], ['Dense']),
    );
    expect(analysis.issues.map((i) => i.where.nodeId)).toEqual(['n1']);
    expect(analysis.byId.get('n4')?.outputShape).toBeUndefined();
  });

  it('names layers like Keras, keeping explicit names', () => {
    const g: Graph = {
      nodes: [
        { id: 'a', type: 'InputLayer', params: { shape: [4] } },
        { id: 'b', type: 'Dense', name: 'dense' },
        { id: 'c', type: 'Dense' },
        { id: 'd', type: 'BatchNormalization' },
        { id: 'e', type: 'Dense' },
      ],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'd' },
        { source: 'd', target: 'e' },
      ],
    };
    expect(analyzeGraph(g).nodes.map((n) => n.name)).toEqual([
      'input_layer',
      'dense',
      'dense_1',
      'batch_normalization',
      'dense_2',
    ]);
  });

  it('orders nodes topologically whatever the file order', () => {
    const g = graph(
      [
        ['out', 'Dense', { units: 2 }],
        ['mid', 'Dense', { units: 3 }],
        ['in', 'InputLayer', { shape: [4] }],
      ],
      ['mid->out', 'in->mid'],
    );
    const analysis = analyzeGraph(g);
    expect(analysis.issues).toEqual([]);
    expect(analysis.order).toEqual(['in', 'mid', 'out']);
    expect([analysis.inputId, analysis.outputId]).toEqual(['in', 'out']);
  });
});

describe('messages about other layers', () => {
  it('name them by their Keras name, not their id', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['x1', 'Dense'],
        ['x2', 'Dense'],
      ],
      ['in->x1', 'in->x2'],
    );
    const messages = analyzeGraph(g).issues.map((i) => i.message);
    expect(messages).toContain(
      'dense is an output, and so is dense_1: a model has one output, so connect or delete the extras',
    );
  });
});
