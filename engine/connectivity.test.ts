import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { findConnectivity, realIssues } from './connectivity';
import type { Graph } from './graph';
import { chain, graph } from './testing/graphs';

const cases: [string, Graph, string[], string | undefined][] = [
  ['a wired chain', chain([8], ['Dense'], ['Dense']), [], 'n2'],
  [
    'a layer with no incoming edge',
    graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['a', 'Dense'],
        ['loose', 'Dense'],
      ],
      ['i->a'],
    ),
    ['loose'],
    'a',
  ],
  [
    'two outputs: the one farther from the input is the main one',
    graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['a', 'Dense'],
        ['b', 'Dense'],
        ['side', 'Dense'],
      ],
      ['i->a', 'a->b', 'i->side'],
    ),
    ['side'],
    'b',
  ],
  [
    'a lone InputLayer beside a wired graph is an extra output',
    graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['a', 'Dense'],
        ['i2', 'InputLayer', { shape: [8] }],
      ],
      ['i->a'],
    ),
    ['i2'],
    'a',
  ],
  [
    'no InputLayer: every unfed layer is loose',
    graph(
      [
        ['a', 'Dense'],
        ['b', 'Dense'],
      ],
      ['a->b'],
    ),
    ['a'],
    'b',
  ],
  [
    'a cycle still finds the main output',
    graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['a', 'Add'],
        ['b', 'Dense'],
        ['c', 'Dense'],
      ],
      ['i->a', 'a->b', 'b->a', 'b->c'],
    ),
    [],
    'c',
  ],
  ['an empty graph', { nodes: [], edges: [] }, [], undefined],
];

describe('findConnectivity', () => {
  it.each(cases)('%s', (_name, g, notConnected, mainOutput) => {
    const result = findConnectivity(g);
    expect(result.notConnected).toEqual(notConnected);
    expect(result.mainOutput).toBe(mainOutput);
  });
});

const codes = (g: Graph) => realIssues(analyzeGraph(g).issues, findConnectivity(g)).map((i) => i.code);

describe('realIssues', () => {
  it.each<[string, Graph, string[]]>([
    [
      'a loose Dense and the extra outputs it makes are calm',
      graph(
        [
          ['i', 'InputLayer', { shape: [8] }],
          ['a', 'Dense'],
          ['loose', 'Dense'],
        ],
        ['i->a'],
      ),
      [],
    ],
    ['no InputLayer at all is calm while layers are loose', graph([['a', 'Dense']], []), []],
    [
      'an Add with one of its two inputs is a real problem',
      graph(
        [
          ['i', 'InputLayer', { shape: [8] }],
          ['m', 'Add'],
        ],
        ['i->m'],
      ),
      ['E_INPUT_COUNT'],
    ],
    [
      'a shape mismatch stays red next to a loose layer',
      graph(
        [
          ['i', 'InputLayer', { shape: [8] }],
          ['c', 'Conv2D'],
          ['loose', 'Flatten'],
        ],
        ['i->c'],
      ),
      ['E_RANK'],
    ],
    [
      'an InputLayer fed by an edge is a real problem even as an extra output',
      graph(
        [
          ['i', 'InputLayer', { shape: [8] }],
          ['a', 'Dense'],
          ['b', 'Dense'],
          ['i2', 'InputLayer', { shape: [8] }],
        ],
        ['i->a', 'a->b', 'a->i2'],
      ),
      ['E_INPUT_COUNT', 'E_MULTIPLE_INPUTS'],
    ],
  ])('%s', (_name, g, expected) => {
    expect(codes(g).sort()).toEqual(expected.sort());
  });
});
