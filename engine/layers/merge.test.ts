// Add and Concatenate on several branches, including their shape errors.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { graph } from '../testing/graphs';

function twoBranches(
  merge: string,
  params: Record<string, unknown>,
  left: Record<string, unknown>,
  right: Record<string, unknown>,
) {
  return graph(
    [
      ['in', 'InputLayer', { shape: [8, 8, 3] }],
      ['a', 'Conv2D', left],
      ['b', 'Conv2D', right],
      ['m', merge, params],
    ],
    ['in->a', 'in->b', 'a->m', 'b->m'],
  );
}

describe('merge layers', () => {
  it('Add keeps the common shape', () => {
    const analysis = analyzeGraph(
      twoBranches('Add', {}, { filters: 4, padding: 'same' }, { filters: 4, kernel_size: 1 }),
    );
    expect(analysis.issues).toEqual([]);
    expect(analysis.byId.get('m')?.outputShape).toEqual([8, 8, 4]);
  });

  it('Add refuses unequal shapes and names them', () => {
    const analysis = analyzeGraph(twoBranches('Add', {}, { filters: 4 }, { filters: 4, padding: 'same' }));
    expect(analysis.issues).toEqual([
      {
        code: 'E_SHAPE_MISMATCH',
        message: 'add needs inputs of one shape, got conv2d (6, 6, 4), conv2d_1 (8, 8, 4)',
        where: { nodeId: 'm' },
        messageId: 'shape.addMismatch',
        values: expect.objectContaining({ layer: 'add', inputs: 'conv2d (6, 6, 4), conv2d_1 (8, 8, 4)' }),
      },
    ]);
  });

  it('Concatenate joins channels in edge order', () => {
    const analysis = analyzeGraph(
      twoBranches('Concatenate', {}, { filters: 16, padding: 'same' }, { filters: 32, kernel_size: 1 }),
    );
    expect(analysis.issues).toEqual([]);
    expect(analysis.byId.get('m')?.outputShape).toEqual([8, 8, 48]);
    expect(analysis.byId.get('m')?.inputs).toEqual(['a', 'b']);
  });

  // a: (6, 6, 4) and b: (8, 6, 4) differ in height only.
  it.each([
    { axis: 1, shape: [14, 6, 4] },
    { axis: -3, shape: [14, 6, 4] },
    { axis: 2, shape: undefined },
    { axis: -1, shape: undefined },
  ])('Concatenate of (6, 6, 4) and (8, 6, 4) along axis $axis', ({ axis, shape }) => {
    const analysis = analyzeGraph(
      twoBranches(
        'Concatenate',
        { axis },
        { filters: 4, kernel_size: 3 },
        { filters: 4, kernel_size: [1, 3] },
      ),
    );
    expect(analysis.byId.get('m')?.outputShape).toEqual(shape);
    expect(analysis.issues.map((i) => i.code)).toEqual(shape === undefined ? ['E_SHAPE_MISMATCH'] : []);
  });

  it('Concatenate joins along height when widths and channels agree', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [8, 8, 3] }],
        ['a', 'Conv2D', { filters: 4, kernel_size: [3, 1] }],
        ['b', 'Conv2D', { filters: 4, kernel_size: [5, 1] }],
        ['m', 'Concatenate', { axis: 1 }],
      ],
      ['in->a', 'in->b', 'a->m', 'b->m'],
    );
    const analysis = analyzeGraph(g);
    expect(analysis.issues).toEqual([]);
    expect(analysis.byId.get('m')?.outputShape).toEqual([10, 8, 4]);
  });

  it('Concatenate refuses mismatched non-axis dimensions', () => {
    const analysis = analyzeGraph(
      twoBranches('Concatenate', {}, { filters: 4 }, { filters: 4, padding: 'same' }),
    );
    expect(analysis.issues).toHaveLength(1);
    expect(analysis.issues[0]).toMatchObject({ code: 'E_SHAPE_MISMATCH', where: { nodeId: 'm' } });
    expect(analysis.issues[0]?.message).toContain('got conv2d (6, 6, 4), conv2d_1 (8, 8, 4)');
  });

  it.each([0, 4, -4])('Concatenate refuses axis %i for rank-3 inputs', (axis) => {
    const analysis = analyzeGraph(twoBranches('Concatenate', { axis }, { filters: 4 }, { filters: 4 }));
    expect(analysis.issues).toEqual([
      expect.objectContaining({ code: 'E_RANK', where: { nodeId: 'm', field: 'axis' } }),
    ]);
  });

  it('a node used twice feeds both inputs of a merge', () => {
    const g = graph(
      [
        ['in', 'InputLayer', { shape: [4] }],
        ['m', 'Concatenate'],
      ],
      ['in->m', 'in->m'],
    );
    expect(analyzeGraph(g).byId.get('m')?.outputShape).toEqual([8]);
  });
});
