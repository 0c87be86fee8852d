import { describe, expect, it } from 'vitest';
import { compileGraph, type ExecutionPlan } from '../compile';
import type { Graph } from '../graph';
import type { Shape } from '../shape';
import { chain, graph, type LayerSpec } from '../testing/graphs';
import { describeReason, layerOfWeight, matchWeights } from './weight-match';

function planOf(g: Graph): ExecutionPlan {
  const compiled = compileGraph(g);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return compiled.plan;
}

/** The weights a trained plan would have: each tensor tagged with its own name so loads can be traced. */
function weightsOf(plan: ExecutionPlan): Map<string, { shape: Shape; tag: string }> {
  return new Map(plan.nodes.flatMap((n) => n.weights.map((w) => [w.name, { shape: w.shape, tag: w.name }])));
}

const mlp = (...middle: LayerSpec[]) =>
  chain([28, 28, 1], ['Flatten'], ['Dense', { units: 64, activation: 'relu' }], ...middle, [
    'Dense',
    { units: 10, activation: 'softmax' },
  ]);

describe('matching earlier weights to an edited model', () => {
  it('keeps every layer of an unchanged model, loading each tensor once', () => {
    const plan = planOf(mlp());
    const match = matchWeights(plan, weightsOf(plan));
    expect(match.kept).toEqual(['dense', 'dense_1']);
    expect(match.initialised).toEqual([]);
    expect(match.dropped).toEqual([]);
    expect([...match.tensors.keys()].sort()).toEqual([
      'dense/bias',
      'dense/kernel',
      'dense_1/bias',
      'dense_1/kernel',
    ]);
    // Layers without weights (Flatten, the input) are not listed at all.
    expect(match.layers.map((l) => l.layer)).toEqual(['dense', 'dense_1']);
  });

  it('initialises a Dense whose units changed and the next Dense, whose input grew with it', () => {
    const trained = weightsOf(planOf(mlp()));
    const edited = planOf(
      chain(
        [28, 28, 1],
        ['Flatten'],
        ['Dense', { units: 128 }],
        ['Dense', { units: 10, activation: 'softmax' }],
      ),
    );
    const match = matchWeights(edited, trained);
    expect(match.kept).toEqual([]);
    expect(match.layers).toEqual([
      {
        layer: 'dense',
        nodeId: 'n2',
        kept: false,
        reason: { kind: 'shape', weight: 'kernel', from: [784, 64], to: [784, 128] },
      },
      {
        layer: 'dense_1',
        nodeId: 'n3',
        kept: false,
        reason: { kind: 'shape', weight: 'kernel', from: [64, 10], to: [128, 10] },
      },
    ]);
    expect(match.tensors.size).toBe(0);
    expect(describeReason(match.layers[1]?.kept === false ? match.layers[1].reason : { kind: 'new' })).toBe(
      'kernel changed: (64, 10) → (128, 10)',
    );
  });

  it('keeps a Dense whose activation changed: an activation is not a weight', () => {
    const trained = weightsOf(planOf(mlp()));
    const edited = planOf(
      chain([28, 28, 1], ['Flatten'], ['Dense', { units: 64, activation: 'tanh' }], ['Dense', { units: 10 }]),
    );
    expect(matchWeights(edited, trained).kept).toEqual(['dense', 'dense_1']);
  });

  it('initialises a layer added at the end, keeping the layers before it', () => {
    const trained = weightsOf(planOf(mlp()));
    // The new layer comes last in the node list (as the editor adds it), so existing names stay.
    const base = mlp();
    const edited = planOf({
      nodes: [...base.nodes, { id: 'extra', type: 'Dense', params: { units: 10, activation: 'softmax' } }],
      edges: [...base.edges, { source: 'n3', target: 'extra' }],
    });
    const match = matchWeights(edited, trained);
    expect(match.kept).toEqual(['dense', 'dense_1']);
    expect(match.layers.at(-1)).toEqual({
      layer: 'dense_2',
      nodeId: 'extra',
      kept: false,
      reason: { kind: 'new' },
    });
    expect([...match.tensors.keys()]).not.toContain('dense_2/kernel');
  });

  it('initialises a renamed layer (weights follow names) and drops the old name', () => {
    const trained = weightsOf(planOf(mlp()));
    const base = mlp();
    const edited = planOf({
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'n3' ? { ...n, name: 'classifier' } : n)),
    });
    const match = matchWeights(edited, trained);
    expect(match.kept).toEqual(['dense']);
    expect(match.initialised).toEqual(['classifier']);
    expect(match.dropped).toEqual(['dense_1']);
    expect(describeReason({ kind: 'new' })).toBe('new or renamed layer');
  });

  it('initialises a layer whose type changed under the same name (Conv2D -> SeparableConv2D)', () => {
    const cnn = (type: string) =>
      graph(
        [
          ['in', 'InputLayer', { shape: [28, 28, 1] }],
          ['c', type, { filters: 8, kernel_size: 3 }],
          ['f', 'Flatten'],
          ['d', 'Dense', { units: 10 }],
        ],
        ['in->c', 'c->f', 'f->d'],
      );
    const named = (g: Graph): Graph => ({
      ...g,
      nodes: g.nodes.map((n) => (n.id === 'c' ? { ...n, name: 'features' } : n)),
    });
    const trained = weightsOf(planOf(named(cnn('Conv2D'))));
    const match = matchWeights(planOf(named(cnn('SeparableConv2D'))), trained);
    expect(match.layers[0]).toEqual({
      layer: 'features',
      nodeId: 'c',
      kept: false,
      reason: { kind: 'missing', weight: 'depthwise_kernel' },
    });
    expect(describeReason({ kind: 'missing', weight: 'depthwise_kernel' })).toBe(
      "layer type changed: no earlier 'depthwise_kernel'",
    );
    // The Dense after it still sees 26x26x8 values: it keeps its weights.
    expect(match.kept).toEqual(['dense']);
  });

  it('never loads part of a layer: one missing tensor initialises all of it', () => {
    const plan = planOf(mlp());
    const trained = weightsOf(plan);
    trained.delete('dense/bias');
    const match = matchWeights(plan, trained);
    expect(match.layers[0]).toMatchObject({
      layer: 'dense',
      kept: false,
      reason: { kind: 'missing', weight: 'bias' },
    });
    expect([...match.tensors.keys()].sort()).toEqual(['dense_1/bias', 'dense_1/kernel']);
    expect(match.tensors.get('dense_1/kernel')?.tag).toBe('dense_1/kernel');
  });

  it("keeps a BatchNormalization's moving statistics with its scale and offset", () => {
    const plan = planOf(mlp(['BatchNormalization']));
    const match = matchWeights(plan, weightsOf(plan));
    expect(match.kept).toContain('batch_normalization');
    expect(
      [...match.tensors.keys()].filter((n) => layerOfWeight(n) === 'batch_normalization').sort(),
    ).toEqual([
      'batch_normalization/beta',
      'batch_normalization/gamma',
      'batch_normalization/moving_mean',
      'batch_normalization/moving_variance',
    ]);
  });

  it('initialises everything when there are no earlier weights', () => {
    const match = matchWeights(planOf(mlp()), new Map());
    expect(match.kept).toEqual([]);
    expect(match.initialised).toEqual(['dense', 'dense_1']);
  });
});
