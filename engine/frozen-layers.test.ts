// Frozen layers (Keras `layer.trainable = False`): every weight of the layer, BatchNormalization's gamma
// and beta included, counts as non-trainable in the analysis, the summary and the plan's buffer layout.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { compileGraph, type ExecutionPlan } from './compile';
import type { Graph } from './graph';
import { formatSummaryTable, summarize } from './summary';
import { chain } from './testing/graphs';

/** Marks the nodes with the given ids frozen. */
function freeze(g: Graph, ...ids: string[]): Graph {
  return { ...g, nodes: g.nodes.map((n) => (ids.includes(n.id) ? { ...n, trainable: false } : n)) };
}

function compiled(g: Graph): ExecutionPlan {
  const result = compileGraph(g);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

// n1 dense 4->3 (15 params), n2 batch norm over 3 (6 trainable + 6 moving), n3 dense 3->2 (8 params).
const model = chain([4], ['Dense', { units: 3 }], ['BatchNormalization'], ['Dense', { units: 2 }]);

describe('frozen layers', () => {
  it('count all the weights of a frozen layer as non-trainable, as Keras does', () => {
    const analysis = analyzeGraph(freeze(model, 'n1'));
    const dense = analysis.byId.get('n1');
    expect(dense?.trainable).toBe(false);
    expect([dense?.trainableParams, dense?.nonTrainableParams]).toEqual([0, 15]);
    expect(analysis.byId.get('n3')?.trainable).toBe(true);
    const summary = summarize(analysis);
    expect([summary.total_params, summary.trainable_params, summary.non_trainable_params]).toEqual([
      35, 14, 21,
    ]);
    expect(summary.layers.map((l) => l.trainable)).toEqual([true, false, true, true]);
  });

  it("move a frozen BatchNormalization's gamma and beta to the non-trainable part too", () => {
    const summary = summarize(analyzeGraph(freeze(model, 'n2')));
    expect(summary.layers[2]).toMatchObject({ params: 12, trainable_params: 0, trainable: false });
    expect([summary.trainable_params, summary.non_trainable_params]).toEqual([23, 12]);
    expect(formatSummaryTable(summary, 'm')).toContain('Non-trainable params: 12 (48.00 B)');
  });

  it("place a frozen layer's weights after every trainable one in the plan's buffer", () => {
    const plan = compiled(freeze(model, 'n1'));
    expect(plan.nodes.map((n) => n.trainable)).toEqual([true, false, true, true]);
    const slots = plan.nodes.flatMap((n) => n.weights.map((w) => [w.name, w.offset, w.trainable]));
    expect(slots).toEqual([
      ['dense/kernel', 14, false],
      ['dense/bias', 26, false],
      ['batch_normalization/gamma', 0, true],
      ['batch_normalization/beta', 3, true],
      ['batch_normalization/moving_mean', 29, false],
      ['batch_normalization/moving_variance', 32, false],
      ['dense_1/kernel', 6, true],
      ['dense_1/bias', 12, true],
    ]);
    expect([plan.trainableParams, plan.nonTrainableParams, plan.totalParams]).toEqual([14, 21, 35]);
  });

  it('allow a frozen layer without weights, with no issue', () => {
    const g = freeze(chain([4, 4, 1], ['Flatten'], ['ReLU'], ['Dense', { units: 2 }]), 'n1', 'n2');
    const result = compileGraph(g);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.trainableParams).toBe(34);
  });
});
