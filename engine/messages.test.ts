// Every analyzer message comes from the table: each issue a broken graph produces carries its id and
// values, its English text is exactly the template filled with them, and no placeholder is left over.
// The table of graphs must reach every id the analyzer can produce, so a new message gets a case here.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';
import { englishMessage, fillTemplate, MESSAGES, placeholders, type MessageId } from './messages';
import { chain, graph } from './testing/graphs';

const cases: readonly (readonly [MessageId, Graph])[] = [
  [
    'graph.duplicateId',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['in', 'Dense'],
      ],
      [],
    ),
  ],
  ['graph.unknownType', chain([4], ['Dense2'])],
  ['graph.edgeToMissing', graph([['in', 'InputLayer', { shape: [4] }]], ['in->ghost'])],
  ['graph.edgeFromMissing', graph([['d', 'Dense']], ['ghost->d'])],
  ['graph.edgeBetweenMissing', graph([['in', 'InputLayer', { shape: [4] }]], ['a->b'])],
  [
    'graph.takesNoInputs',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['d', 'Dense'],
      ],
      ['in->d', 'd->in'],
    ),
  ],
  ['graph.noInput', graph([['d', 'Dense']], [])],
  [
    'graph.oneInput',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Dense'],
        ['b', 'Dense'],
      ],
      ['in->a', 'in->b', 'a->b'],
    ),
  ],
  ['graph.tooFewInputs', chain([4], ['Add'])],
  ['graph.noInputLayer', graph([['d', 'Dense']], [])],
  [
    'graph.secondInput',
    graph(
      [
        ['a', 'InputLayer', { shape: [4] }],
        ['b', 'InputLayer', { shape: [4] }],
        ['m', 'Add'],
      ],
      ['a->m', 'b->m'],
    ),
  ],
  [
    'graph.twoOutputs',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Dense'],
        ['b', 'Dense'],
      ],
      ['in->a', 'in->b'],
    ),
  ],
  [
    'graph.manyOutputs',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Dense'],
        ['b', 'Dense'],
        ['c', 'Dense'],
      ],
      ['in->a', 'in->b', 'in->c'],
    ),
  ],
  [
    'graph.cycle',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Add'],
        ['b', 'Dense', { units: 4 }],
      ],
      ['in->a', 'a->b', 'b->a'],
    ),
  ],
  ['name.invalid', { nodes: [{ id: 'in', type: 'InputLayer', name: 'a b' }], edges: [] }],
  [
    'name.duplicate',
    {
      nodes: [
        { id: 'in', type: 'InputLayer', name: 'x' },
        { id: 'd', type: 'Dense', name: 'x' },
      ],
      edges: [{ source: 'in', target: 'd' }],
    },
  ],
  ['param.notObject', { nodes: [{ id: 'in', type: 'InputLayer', params: 5 as never }], edges: [] }],
  ['param.unknownGuess', chain([4], ['Dense', { unit: 3 }])],
  ['param.unknownNone', chain([4], ['Flatten', { units: 3 }])],
  ['param.unknownList', chain([4], ['Dense', { filters: 3 }])],
  ['param.int', chain([4], ['Dense', { units: 0 }])],
  ['param.float', chain([4], ['BatchNormalization', { momentum: 2 }])],
  ['param.floatExclusive', chain([4], ['Dropout', { rate: 1 }])],
  ['param.bool', chain([4], ['Dense', { use_bias: 'yes' }])],
  ['param.choice', chain([4], ['Dense', { activation: 'relu6' }])],
  ['param.pair', chain([8, 8, 1], ['Conv2D', { kernel_size: [0, 1] }])],
  ['param.factor', chain([8, 8, 1], ['RandomRotation', { factor: [0.3, 0.1] }])],
  ['param.range', chain([8, 8, 1], ['RandomContrast', { value_range: [1, 0] }])],
  ['param.dims', chain([0])],
  ['param.dimsWildcard', chain([4], ['Reshape', { target_shape: [] }])],
  ['param.oneWildcard', chain([4], ['Reshape', { target_shape: [-1, -1] }])],
  ['param.axes', chain([4], ['PReLU', { shared_axes: [0] }])],
  ['shape.softmaxAxis', chain([4], ['Softmax', { axis: 3 }])],
  ['shape.sharedAxes', chain([4], ['PReLU', { shared_axes: [3] }])],
  ['param.length', chain([8, 2], ['Conv1D', { kernel_size: 0 }])],
  ['shape.needsSequence', chain([8, 8, 1], ['Conv1D'])],
  ['param.regularizer', chain([4], ['Dense', { units: 2, kernel_regularizer: { l2: -1 } }])],
  ['param.sides', chain([8, 8, 1], ['ZeroPadding2D', { padding: -1 }])],
  ['shape.needsImage', chain([4, 4], ['Conv2D'])],
  ['shape.needsImageNotFlat', chain([8, 8, 1], ['Flatten'], ['MaxPooling2D'])],
  ['shape.windowTooLarge', chain([8, 8, 1], ['Conv2D', { kernel_size: 9 }])],
  [
    'shape.addMismatch',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['a', 'Dense', { units: 3 }],
        ['m', 'Add'],
      ],
      ['in->a', 'in->m', 'a->m'],
    ),
  ],
  [
    'shape.concatBatchAxis',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['m', 'Concatenate', { axis: 0 }],
      ],
      ['in->m', 'in->m'],
    ),
  ],
  [
    'shape.concatAxis',
    graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['m', 'Concatenate', { axis: 2 }],
      ],
      ['in->m', 'in->m'],
    ),
  ],
  [
    'shape.concatMismatch',
    graph(
      [
        ['in', 'InputLayer', { shape: [4, 2] }],
        ['a', 'Dense', { units: 3 }],
        ['m', 'Concatenate', { axis: 1 }],
      ],
      ['in->a', 'in->m', 'a->m'],
    ),
  ],
  [
    'graph.bypassOneInput',
    {
      nodes: [
        { id: 'in', type: 'InputLayer', params: { shape: [4] }, bypassed: true },
        { id: 'd', type: 'Dense' },
      ],
      edges: [{ source: 'in', target: 'd' }],
    },
  ],
  ['shape.reshapeSize', chain([4], ['Reshape', { target_shape: [3] }])],
  ['shape.cropTooLarge', chain([4, 4, 1], ['Cropping2D', { cropping: 2 }])],
];

// Kept for safety but no graph reaches them (input counts are checked before shapes; no layer takes a
// fixed number of inputs above one; every valid param gives a valid output size), or not from the analyzer.
const UNREACHABLE = new Set<string>([
  'graph.exactInputs',
  'graph.invalidOutput',
  'param.invalid',
  'shape.needsInput',
]);

describe('analyzer messages', () => {
  it.each(cases)('%s', (id, g) => {
    const issues = analyzeGraph(g).issues;
    const found = issues.find((i) => i.messageId === id);
    expect(found, issues.map((i) => `${i.messageId}: ${i.message}`).join('\n')).toBeDefined();
    for (const i of issues) {
      expect(i.messageId, i.message).toBeDefined();
      expect(i.message).toBe(englishMessage(i.messageId as MessageId, i.values));
      expect(i.message).not.toMatch(/\{\{|\}\}/);
      expect(Object.keys(i.values ?? {})).toEqual(
        expect.arrayContaining(placeholders(MESSAGES[i.messageId as MessageId])),
      );
    }
  });

  it('covers every id the analyzer can produce', () => {
    const covered = new Set(cases.map(([id]) => id));
    const missing = Object.keys(MESSAGES).filter(
      (id) =>
        !id.startsWith('connect.') &&
        !id.startsWith('bypass.') &&
        !UNREACHABLE.has(id) &&
        !covered.has(id as MessageId),
    );
    expect(missing).toEqual([]);
  });

  it('names the subject: several outputs, cycles, shapes', () => {
    const messages = (g: Graph) => analyzeGraph(g).issues.map((i) => i.message);
    expect(messages(cases.find(([id]) => id === 'graph.cycle')?.[1] as Graph)).toContain(
      'add → dense → add form a cycle: connections must flow one way, so remove one of them',
    );
    expect(messages(chain([8, 8, 1], ['Flatten'], ['MaxPooling2D']))).toEqual([
      'max_pooling2d needs a (height, width, channels) input, got flatten (64,): move it before the Flatten, or add a Reshape to (height, width, channels)',
    ]);
  });
});

describe('fillTemplate', () => {
  it('fills every occurrence and leaves unknown placeholders visible', () => {
    expect(fillTemplate('{{a}} and {{a}}, {{b}}', { a: 1 })).toBe('1 and 1, {{b}}');
    expect(placeholders("{{layer}}'s {{field}} {{window}} … {{field}}")).toEqual([
      'field',
      'layer',
      'window',
    ]);
  });
});
