// Bypassed layers pass their input through: analysis gives them their input's shape and no params, the
// plan and every export leave them out (the same files as a model that never had them, weights of the
// other layers unchanged), our JSON keeps them, and bypassing is refused when it would change the model's
// output or break a later layer, in words that name the layers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomFloats } from '../worker-native/test-support/models';
import { analyzeGraph } from './analyze';
import { checkBypass, withBypassed } from './bypass';
import { compileGraph, type ExecutionPlan } from './compile';
import { exportModel, type ExportFormatId } from './formats';
import { decodeWeights, encodeWeights } from './formats/weights';
import type { Graph } from './graph';
import { readModel, serializeModelFile, type ModelFile } from './model-file';
import { summarize } from './summary';
import { chain } from './testing/graphs';
import { largestHiddenDense } from './training/remedies';

const template = JSON.parse(readFileSync('assets/templates/mnist-cnn.json', 'utf8')) as ModelFile;

/** The CNN template with Dropout and Dense(64) spliced in before the output (listed last, so the
 *  template's layers keep their names: dropout and dense_2 are the newcomers). */
const extended: Graph = {
  nodes: [
    ...template.graph.nodes,
    { id: 'drop', type: 'Dropout', params: { rate: 0.5 } },
    { id: 'extra', type: 'Dense', params: { units: 64, activation: 'relu' } },
  ],
  edges: [
    ...template.graph.edges.filter((e) => e.target !== 'output'),
    { source: 'dense', target: 'drop' },
    { source: 'drop', target: 'extra' },
    { source: 'extra', target: 'output' },
  ],
};
const bypassed = withBypassed(extended, ['drop', 'extra'], true);

function planOf(graph: Graph): ExecutionPlan {
  const compiled = compileGraph(graph);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  return compiled.plan;
}

/** Random weights for every layer of `plan`, the same values for the same weight name. */
function withWeights(graph: Graph, plan: ExecutionPlan): ModelFile {
  const values = new Map(
    plan.nodes.flatMap((n) => n.weights).map((w) => [w.name, randomFloats(w.size, w.name.length + w.size)]),
  );
  return { ...template, graph, weights: encodeWeights(plan, values) };
}

describe('analysis of a bypassed layer', () => {
  it('passes its input shape through with no params, and names stay as they were', () => {
    const analysis = analyzeGraph(bypassed);
    expect(analysis.issues).toEqual([]);
    const extra = analysis.byId.get('extra');
    expect(extra?.bypassed).toBe(true);
    expect(extra?.name).toBe('dense_2');
    expect(extra?.outputShape).toEqual([64]);
    expect(extra?.trainableParams).toBe(0);
    expect(analysis.byId.get('output')?.name).toBe('dense_1');
  });

  it('reports a bypassed layer that has no input to pass through', () => {
    const analysis = analyzeGraph(withBypassed(template.graph, ['input'], true));
    expect(analysis.issues.map((i) => i.message)).toContain(
      'input_layer is bypassed, so it passes its one input through, but 0 are connected: restore it or connect exactly one',
    );
  });
});

describe('compiling and exporting', () => {
  const full = planOf(extended);
  const reference = planOf(template.graph);

  it('leaves bypassed layers out of the plan: the plan of the model without them', () => {
    const plan = planOf(bypassed);
    expect(plan.nodes.map((n) => n.name)).not.toContain('dense_2');
    expect(plan.nodes.map((n) => n.type)).not.toContain('Dropout');
    expect(plan.bypassed).toEqual(['dropout', 'dense_2']);
    expect({ ...plan, bypassed: [] }).toEqual(reference);
    expect(full.totalParams - plan.totalParams).toBe(64 * 64 + 64);
  });

  it('leaves them out of the summary, whose inputs skip them', () => {
    const summary = summarize(analyzeGraph(bypassed));
    expect(summary.layers.map((l) => l.name)).not.toContain('dropout');
    expect(summary.layers.at(-1)?.inputs).toEqual(['dense']);
    expect(summary.total_params).toBe(reference.totalParams);
  });

  it('keeps a bypassed layer’s trained weights aside and decodes the others unchanged', () => {
    const trained = withWeights(extended, full);
    const decoded = decodeWeights(planOf(bypassed), trained.weights!);
    expect(decoded.issues).toEqual([]);
    const before = decodeWeights(full, trained.weights!).tensors;
    expect([...decoded.tensors.keys()]).not.toContain('dense_2/kernel');
    for (const [name, t] of decoded.tensors) expect(t.values).toEqual(before.get(name)?.values);
  }, 60_000);

  it.each<ExportFormatId>(['tfjs', 'onnx'])(
    '%s: the same files as the model that never had the bypassed layers',
    (format) => {
      const trained = withWeights(bypassed, full);
      const without = withWeights(template.graph, reference);
      const got = exportModel(format, trained);
      const want = exportModel(format, without);
      expect(got.ok && want.ok).toBe(true);
      if (!got.ok || !want.ok) return;
      expect(got.value).toEqual(want.value);
      const text = got.value.map((f) => (typeof f.data === 'string' ? f.data : '')).join('');
      expect(text).not.toMatch(/dense_2|Dropout/);
      if (format === 'tfjs') expect(text).toContain('"dense_1"');
    },
    60_000, // two exports of ~130k weights each
  );

  it.each([
    ['keras', /layers\.Dense\(/g, /layers\.Dropout\(/],
    ['pytorch', /nn\.Linear\(/g, /nn\.Dropout\(/],
  ] as const)(
    '%s script builds the layers of the plan only',
    (format, dense, dropout) => {
      const result = exportModel(format, withWeights(bypassed, full));
      if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
      const script = String(result.value[0]?.data);
      expect(script.match(dense)).toHaveLength(2);
      expect(script).not.toMatch(dropout);
      const reference = exportModel(format, withWeights(template.graph, planOf(template.graph)));
      if (!reference.ok) throw new Error('the template does not export');
      expect(String(reference.value[0]?.data).match(dense)).toHaveLength(2);
    },
    60_000,
  );

  it('our JSON keeps the bypassed layers, and reading it back gives the same graph', () => {
    const result = exportModel('json', { ...template, graph: bypassed }, { weights: 'none' });
    if (!result.ok) throw new Error('json export failed');
    const read = readModel(JSON.parse(String(result.value[0]?.data)));
    if (!read.ok) throw new Error(read.issues.map((i) => i.message).join('\n'));
    expect(read.model.graph.nodes.filter((n) => n.bypassed).map((n) => n.id)).toEqual(['drop', 'extra']);
    expect(serializeModelFile(read.model)).toBe(String(result.value[0]?.data));
  });
});

describe('checkBypass', () => {
  const refusal = (graph: Graph, ids: string[]) => {
    const verdict = checkBypass(graph, ids);
    return verdict.ok ? null : verdict.reason;
  };

  it('allows a layer whose removal keeps the model valid, and restoring always', () => {
    expect(checkBypass(template.graph, ['conv3'])).toEqual({ ok: true });
    expect(checkBypass(extended, ['drop', 'extra'])).toEqual({ ok: true });
    expect(checkBypass(bypassed, ['drop', 'extra'])).toEqual({ ok: true });
  });

  it('refuses when the model’s output would change', () => {
    expect(refusal(template.graph, ['output'])).toBe(
      "Bypassing dense_1 would change the model's output from (None, 10) to (None, 64)",
    );
  });

  it('refuses the input layer and a layer with several inputs', () => {
    expect(refusal(template.graph, ['input'])).toBe(
      'input_layer takes no input, so there is nothing to pass through: it cannot be bypassed',
    );
    const merged: Graph = {
      nodes: [
        { id: 'in', type: 'InputLayer', params: { shape: [4] } },
        { id: 'a', type: 'Dense', params: { units: 4 } },
        { id: 'add', type: 'Add' },
        { id: 'out', type: 'Dense', params: { units: 2 } },
      ],
      edges: [
        { source: 'in', target: 'a' },
        { source: 'in', target: 'add' },
        { source: 'a', target: 'add' },
        { source: 'add', target: 'out' },
      ],
    };
    expect(refusal(merged, ['add'])).toBe(
      'add has 2 inputs: only a layer with exactly one input can be bypassed',
    );
  });

  it('refuses when a later layer would break, naming it and its problem', () => {
    const graph = chain([6], ['Dense', { units: 4 }], ['Reshape', { target_shape: [2, 2] }], ['Flatten']);
    expect(refusal(graph, ['n1'])).toBe(
      'Bypassing dense would break the model: reshape cannot reshape (6,) (6 values) to (2, 2): the number of values must stay the same',
    );
  });
});

describe('remedies', () => {
  it('never anchor on a bypassed layer: it is not in the model that trains', () => {
    const wide: Graph = {
      nodes: [...template.graph.nodes, { id: 'wide', type: 'Dense', params: { units: 128 } }],
      edges: [
        ...template.graph.edges.filter((e) => e.target !== 'output'),
        { source: 'dense', target: 'wide' },
        { source: 'wide', target: 'output' },
      ],
    };
    expect(largestHiddenDense(wide)).toBe('wide');
    expect(largestHiddenDense(withBypassed(wide, ['wide'], true))).toBe('dense');
  });
});
