import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode } from './graph';
import { diffGraphs, graphDiffTexts } from './graph-diff';
import { diffSettings, settingText } from './settings-diff';
import { runFacts } from './run-facts';

const mlp = (dense: Partial<GraphNode> = {}, extra: Partial<Graph> = {}): Graph => ({
  nodes: [
    { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'flat', type: 'Flatten', position: { x: 0, y: 100 } },
    { id: 'hidden', type: 'Dense', params: { units: 64, activation: 'relu' }, ...dense },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ...(extra.nodes ?? []),
  ],
  edges: extra.edges ?? [
    { source: 'in', target: 'flat' },
    { source: 'flat', target: 'hidden' },
    { source: 'hidden', target: 'out' },
  ],
});

describe('diffGraphs', () => {
  it('finds nothing when only positions and the order of nodes and edges changed', () => {
    const before = mlp();
    const after: Graph = {
      nodes: [...before.nodes].reverse().map((n) => ({ ...n, name: undefined, position: { x: 9, y: 9 } })),
      edges: [...before.edges].reverse(),
    };
    // Reversed, the generated names would swap (dense <-> dense_1): explicit names keep them apart.
    const named = (g: Graph): Graph => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, name: `L_${n.id}` })) });
    expect(graphDiffTexts(diffGraphs(named(before), named(after)))).toEqual([]);
  });

  it('treats a param written out at its default as no change', () => {
    const explicit = mlp({ params: { units: 64, activation: 'relu', use_bias: true } });
    expect(graphDiffTexts(diffGraphs(mlp(), explicit))).toEqual([]);
  });

  it('names a changed param with both values, by the layer name', () => {
    const diff = diffGraphs(mlp(), mlp({ params: { units: 128, activation: 'tanh' } }));
    expect(diff.changed).toHaveLength(1);
    expect(graphDiffTexts(diff)).toEqual(['dense: units 64 → 128, activation relu → tanh']);
  });

  it('lists added and removed layers and the inputs they rewire', () => {
    const withDropout = mlp(
      {},
      {
        nodes: [{ id: 'drop', type: 'Dropout', params: { rate: 0.2 } }],
        edges: [
          { source: 'in', target: 'flat' },
          { source: 'flat', target: 'hidden' },
          { source: 'hidden', target: 'drop' },
          { source: 'drop', target: 'out' },
        ],
      },
    );
    const forward = diffGraphs(mlp(), withDropout);
    expect(forward.added).toEqual([{ kind: 'added', name: 'dropout', type: 'Dropout' }]);
    expect(forward.removed).toEqual([]);
    expect(graphDiffTexts(forward)).toEqual(['+dropout', 'dense_1: inputs dense → dropout']);
    const back = diffGraphs(withDropout, mlp());
    expect(back.removed.map((c) => c.name)).toEqual(['dropout']);
    expect(graphDiffTexts(back)).toEqual(['−dropout', 'dense_1: inputs dropout → dense']);
  });

  it('sees a renamed layer (same node id) as one change, not a removal and an addition', () => {
    const diff = diffGraphs(mlp(), mlp({ name: 'hidden_1', params: { units: 32, activation: 'relu' } }));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(graphDiffTexts(diff)).toEqual(['hidden_1: renamed dense → hidden_1, units 64 → 32']);
  });

  it('reports frozen and bypassed flags, and a type change without listing every param', () => {
    expect(graphDiffTexts(diffGraphs(mlp(), mlp({ trainable: false, bypassed: true })))).toEqual([
      'dense: trainable true → false, bypassed false → true',
    ]);
    // Another node under the old name: paired by name, its type named rather than every param.
    const edges = [
      { source: 'in', target: 'flat' },
      { source: 'flat', target: 'other' },
      { source: 'other', target: 'out' },
    ];
    const other = { id: 'other', name: 'dense', type: 'Dropout', params: { rate: 0.5 } };
    const swapped = diffGraphs(mlp(), mlp(other, { edges }));
    expect(graphDiffTexts(swapped)).toEqual(['dense: type Dense → Dropout']);
  });
});

describe('diffSettings', () => {
  it('lists the settings that differ in short words', () => {
    const before = { epochs: 5, learning_rate: 0.001, limit: null, optimizer: 'adam' };
    const after = { epochs: 10, learning_rate: 0.0005, limit: 2000, optimizer: 'adam' };
    expect(diffSettings(before, after).map(settingText)).toEqual([
      'epochs 5 → 10',
      'lr 0.001 → 0.0005',
      'limit none → 2000',
    ]);
    expect(diffSettings(after, { ...after })).toEqual([]);
  });
});

describe('runFacts', () => {
  it('takes the first best validation accuracy, the test accuracy and the mean epoch time', () => {
    const epochs = [
      { epoch: 1, val_accuracy: 0.8 },
      { epoch: 2, val_accuracy: 0.9 },
      { epoch: 3, val_accuracy: 0.9 },
      { epoch: 4, val_accuracy: null },
    ];
    const facts = runFacts({ epochs, result: { test_accuracy: 0.88, epoch_seconds: [2, 3, 7] } });
    expect(facts).toEqual({
      epochs: 4,
      bestValAccuracy: 0.9,
      bestEpoch: 2,
      testAccuracy: 0.88,
      secondsPerEpoch: 4,
    });
  });

  it('has no numbers for a run that has not finished an epoch', () => {
    expect(runFacts({ epochs: [], result: null })).toEqual({
      epochs: 0,
      bestValAccuracy: null,
      bestEpoch: null,
      testAccuracy: null,
      secondsPerEpoch: null,
    });
  });
});
