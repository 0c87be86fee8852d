// Multiply, Subtract, Average, Maximum and Minimum: shape rule, errors that name the layer and its
// inputs, input counts, parameter counts (Keras: 0 for every merge layer, they have no weights) and the
// Keras script call.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { compileGraph } from '../compile';
import { kerasLayerCall } from '../formats/python/keras-script-layers';
import { graph } from '../testing/graphs';

const TYPES = ['Multiply', 'Subtract', 'Average', 'Maximum', 'Minimum'] as const;

/** `count` Conv2D branches on an 8x8x3 input (each with its own filters), merged by `merge`. */
function branches(merge: string, filters: readonly number[]) {
  const ids = filters.map((_, i) => `c${i}`);
  return graph(
    [
      ['in', 'InputLayer', { shape: [8, 8, 3] }],
      ...ids.map((id, i) => [id, 'Conv2D', { filters: filters[i], kernel_size: 1 }] as const),
      ['m', merge],
    ],
    ids.flatMap((id) => [`in->${id}`, `${id}->m`]),
  );
}

describe.each(TYPES)('%s', (type) => {
  it('keeps the common shape and has no parameters (Keras: 0)', () => {
    const analysis = analyzeGraph(branches(type, [4, 4]));
    expect(analysis.issues).toEqual([]);
    const node = analysis.byId.get('m');
    expect(node?.outputShape).toEqual([8, 8, 4]);
    expect([node?.trainableParams, node?.nonTrainableParams]).toEqual([0, 0]);
  });

  it('refuses inputs of different shapes and names them', () => {
    const analysis = analyzeGraph(branches(type, [4, 5]));
    const name = type.toLowerCase();
    expect(analysis.issues).toEqual([
      expect.objectContaining({
        code: 'E_SHAPE_MISMATCH',
        message: `${name} needs inputs of one shape, got conv2d (8, 8, 4), conv2d_1 (8, 8, 5)`,
        where: { nodeId: 'm' },
      }),
    ]);
  });

  it('needs at least two inputs', () => {
    const analysis = analyzeGraph(branches(type, [4]));
    expect(analysis.issues.map((i) => [i.code, i.where.nodeId])).toEqual([['E_INPUT_COUNT', 'm']]);
  });

  it('is a plain Keras layer call in the Keras script', () => {
    const plan = compileGraph(branches(type, [2, 2]));
    if (!plan.ok) throw new Error('graph did not compile');
    const node = plan.plan.nodes.find((n) => n.type === type)!;
    expect(kerasLayerCall(node)).toBe(`layers.${type}(name="${type.toLowerCase()}")`);
  });
});

describe('input counts', () => {
  it('Subtract takes exactly two inputs, the others any number from two', () => {
    for (const type of TYPES) {
      const issues = analyzeGraph(branches(type, [3, 3, 3])).issues;
      expect(
        issues.map((i) => i.code),
        type,
      ).toEqual(type === 'Subtract' ? ['E_INPUT_COUNT'] : []);
    }
  });
});
