// Format version 2: a document's id, its runs (curves, results, the graph each trained) and the run its
// weights came from survive a round trip; every older version migrates; bad runs are refused by place.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_VERSION, parseModelFile, serializeModelFile, type ModelFile } from './model-file';
import type { SavedRun } from './model-runs';

const graph = {
  nodes: [
    { id: 'in', type: 'InputLayer', params: { shape: [4] } },
    { id: 'd', type: 'Dense', params: { units: 2 } },
  ],
  edges: [{ source: 'in', target: 'd' }],
};

const run: SavedRun = {
  id: 'session-1',
  label: 'Run 1',
  startedAt: 1764662400000,
  state: 'completed',
  modelName: 'm',
  settings: { epochs: 2, batch_size: 32, optimizer: { type: 'adam', learning_rate: 0.001 } },
  graph,
  started: {
    epochs: 2,
    steps_per_epoch: 3,
    total_steps: 6,
    train_samples: 90,
    validation_samples: 10,
    test_samples: 20,
    total_params: 10,
    trainable_params: 10,
  },
  epochs: [
    { epoch: 1, loss: 0.9, accuracy: 0.5, val_loss: 0.8, val_accuracy: 0.6 },
    { epoch: 2, loss: 0.5, accuracy: 0.75, val_loss: null, val_accuracy: null },
  ],
  batches: [
    [1, 1, 1.2, 0.25],
    [2, 1, 1.0, 0.5],
    [6, 2, 0.4, 0.8125],
  ],
  result: {
    test_loss: 0.45,
    test_accuracy: 0.8,
    confusion: [
      [9, 1],
      [3, 7],
    ],
    per_class_accuracy: [0.9, 0.7],
    misclassified: [{ index: 4, label: 0, predicted: 1 }],
    stopped_early: false,
    best_epoch: null,
    train_samples_per_second: 1234.5,
    epoch_seconds: [0.1, 0.09],
  },
  failure: null,
};

const model: ModelFile = {
  format: 'layerwise-model',
  version: MODEL_VERSION,
  id: 'doc-42',
  name: 'm',
  graph,
  training: { epochs: 2 },
  runs: [run, { ...run, id: 'session-2', label: 'Run 2', state: 'failed', result: null, failure: 'NaN' }],
  weights: {
    dtype: 'float32',
    run: 'session-1',
    tensors: [{ name: 'dense/bias', shape: [2], data: 'AACAPwAAAEA=' }],
  },
};

function issuesOf(value: unknown) {
  const result = parseModelFile(JSON.stringify(value));
  if (result.ok) throw new Error('expected the file to be refused');
  return result.issues;
}

describe('model file version 2', () => {
  it('keeps the document id, every run and the weights run through a round trip, byte for byte', () => {
    const text = serializeModelFile(model);
    const parsed = parseModelFile(text);
    expect(parsed).toEqual({ ok: true, model });
    if (parsed.ok) expect(serializeModelFile(parsed.model)).toBe(text);
  });

  it('writes curve points one list per line, so runs keep the file short', () => {
    const text = serializeModelFile(model);
    expect(text).toContain('"batches": [[1,1,1.2,0.25],[2,1,1,0.5],[6,2,0.4,0.8125]]');
    expect(text).toContain('"confusion": [[9,1],[3,7]]');
    // The graph and settings keep the usual one-value-per-line layout.
    expect(text).toContain('"shape": [\n');
  });

  it('writes a file without runs exactly as JSON.stringify(…, 2) would', () => {
    const { runs: _runs, ...plain } = model;
    const text = serializeModelFile(plain);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it.each([
    ['a run without an id', (r: Record<string, unknown>) => delete r.id, 'runs[0].id'],
    ['an unknown run state', (r: Record<string, unknown>) => (r.state = 'exploded'), 'runs[0].state'],
    [
      'a curve point that is not a number',
      (r: Record<string, unknown>) => (r.batches = [[1, 1, 'x', 0]]),
      'runs[0].batches[0][2]',
    ],
    ['an unknown field in a run', (r: Record<string, unknown>) => (r.colour = 'red'), 'runs[0]'],
    [
      'a broken run graph',
      (r: Record<string, unknown>) => (r.graph = { nodes: [{ type: 'Dense' }], edges: [] }),
      'runs[0].graph.nodes[0].id',
    ],
  ])('refuses %s, naming the field', (_name, mutate, field) => {
    const bad = JSON.parse(serializeModelFile(model)) as { runs: Record<string, unknown>[] };
    mutate(bad.runs[0] as Record<string, unknown>);
    expect(issuesOf(bad).map((i) => i.where.field)).toContain(field);
  });

  it('refuses two runs with the same id', () => {
    const twice = { ...model, runs: [run, run] };
    expect(issuesOf(JSON.parse(serializeModelFile(twice)))[0]?.message).toBe(
      "run id 'session-1' appears twice",
    );
  });
});

describe('migrations from older versions', () => {
  it('opens a version-1 file (as CLI train --out wrote it) unchanged except its version', () => {
    const v1 = {
      format: 'layerwise-model',
      version: 1,
      name: 'trained',
      graph,
      training: { epochs: 1 },
      history: [{ epoch: 1, loss: 0.3, accuracy: 0.9, val_loss: null, val_accuracy: null, seconds: 1 }],
      weights: { dtype: 'float32', tensors: [{ name: 'dense/bias', shape: [2], data: 'AACAPwAAAEA=' }] },
    };
    const parsed = parseModelFile(JSON.stringify(v1));
    expect(parsed).toEqual({ ok: true, model: { ...v1, version: MODEL_VERSION } });
    if (parsed.ok) expect(JSON.parse(serializeModelFile(parsed.model)).version).toBe(2);
  });

  it('checks a migrated version-1 file by the version-2 rules', () => {
    const v1 = { format: 'layerwise-model', version: 1, name: 'x', graph, runs: 'no' };
    expect(issuesOf(v1)[0]?.where.field).toBe('runs');
  });

  it('opens every template of the previous version', () => {
    for (const name of ['mnist-cnn', 'mnist-mlp', 'lenet5']) {
      const text = readFileSync(new URL(`../assets/templates/${name}.json`, import.meta.url), 'utf8');
      const asV1 = text.replace('"version": 2', '"version": 1');
      const parsed = parseModelFile(asV1);
      expect(parsed.ok && serializeModelFile(parsed.model)).toBe(text);
    }
  });
});

describe('saving values JSON text cannot hold', () => {
  it('writes holes and undefined in lists as null, exactly as JSON.stringify does', () => {
    // A model built in memory (or cloned over IPC) can hold a sparse list; the saved file must still parse.
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const model: ModelFile = {
      format: 'layerwise-model',
      version: MODEL_VERSION,
      name: 'm',
      graph: {
        nodes: [{ id: 'in', type: 'InputLayer', params: { shape: sparse, extra: [undefined] } }],
        edges: [],
      },
    };
    const text = serializeModelFile(model);
    expect(JSON.parse(text).graph.nodes[0].params).toEqual({ shape: [1, null, 3], extra: [null] });
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });
});
