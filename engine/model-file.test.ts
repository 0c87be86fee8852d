// Loading and saving model files: round trips, and a clear, placed error for every kind of bad file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelFile, serializeModelFile } from './model-file';

const cnnText = readFileSync(new URL('../assets/templates/mnist-cnn.json', import.meta.url), 'utf8');

function issuesOf(text: string) {
  const result = parseModelFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.issues;
}

const file = (
  extra: Record<string, unknown> = {},
  graph: unknown = { nodes: [{ id: 'in', type: 'InputLayer' }], edges: [] },
) => JSON.stringify({ format: 'layerwise-model', version: 2, name: 'm', graph, ...extra });

describe('model file', () => {
  it('loads the templates and saves them back losslessly', () => {
    const first = parseModelFile(cnnText);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const again = parseModelFile(serializeModelFile(first.model));
    expect(again).toEqual(first);
    expect(serializeModelFile(first.model)).toBe(cnnText);
  });

  it('keeps training, history, weights, names and positions through a round trip', () => {
    const text = file({
      training: { epochs: 3, optimizer: { name: 'adam', learning_rate: 0.001 } },
      history: [{ epoch: 1, loss: 0.3, accuracy: 0.9 }],
      weights: { dtype: 'float32', tensors: [{ name: 'dense/bias', shape: [2], data: 'AACAPwAAAEA=' }] },
    });
    const model = parseModelFile(text);
    expect(model.ok).toBe(true);
    if (model.ok) expect(parseModelFile(serializeModelFile(model.model))).toEqual(model);
  });

  it('defaults a missing name', () => {
    const result = parseModelFile(
      JSON.stringify({ format: 'layerwise-model', version: 2, graph: { nodes: [], edges: [] } }),
    );
    expect(result.ok && result.model.name).toBe('untitled');
  });

  it.each([
    ['{"format": "layerwise-model",\n  "version": 1,\n  "graph": {"nodes": [}\n}', 3, 23],
    ['{\n  "a": 1,\n  "b": 2\n  "c": 3\n}', 4, 3],
    ['', 1, 1],
    ['{"a": 1,}', 1, 9],
  ])('reports JSON syntax errors with line and column (%#)', (text, line, column) => {
    const [problem] = issuesOf(text);
    expect(problem).toMatchObject({ code: 'E_JSON_SYNTAX', where: { line, column } });
    expect(problem?.message).toContain(`line ${line}, column ${column}`);
  });

  it('refuses files that are not Layerwise models', () => {
    expect(issuesOf('[1, 2]')[0]?.code).toBe('E_FORMAT');
    expect(issuesOf('{"format": "keras"}')[0]?.message).toBe(
      "not a Layerwise model file: its format is 'keras'",
    );
    expect(issuesOf('{"modelTopology": {}}')[0]?.message).toContain('has no "format"');
  });

  it('refuses versions it does not know, telling a newer file from a broken one', () => {
    expect(issuesOf('{"format": "layerwise-model", "version": 3}')[0]?.message).toMatch(
      /version 3, written by a newer Layerwise.*update/,
    );
    expect(issuesOf('{"format": "layerwise-model", "version": "1"}')[0]?.message).toBe(
      'unknown format version "1": expected 2',
    );
    expect(issuesOf('{"format": "layerwise-model", "version": 0}')[0]?.code).toBe('E_VERSION');
    expect(issuesOf('{"format": "layerwise-model"}')[0]?.code).toBe('E_VERSION');
  });

  it('names the node and field of each schema problem', () => {
    const problems = issuesOf(
      file(
        {},
        {
          nodes: [
            { id: 'in', type: 'InputLayer', position: { x: 'left', y: 0 } },
            { id: 'd', type: 7, colour: 'red' },
            { type: 'Dense' },
            'not a node',
          ],
          edges: [{ source: 'in' }],
        },
      ),
    );
    expect(problems.map((p) => [p.where.nodeId ?? null, p.where.field, p.message])).toEqual([
      ['in', 'position.x', 'position.x must be a number'],
      ['d', 'colour', "unknown field 'colour'"],
      ['d', 'type', 'type must be a string'],
      [null, 'graph.nodes[2].id', 'graph.nodes[2].id is missing'],
      [null, 'graph.nodes[3]', 'must be an object {"id", "type", "params"}'],
      [null, 'graph.edges[0].target', 'graph.edges[0].target is missing'],
    ]);
  });

  it('reports problems of the envelope sections', () => {
    const problems = issuesOf(
      file({
        extra: true,
        history: {},
        weights: {
          dtype: 'float64',
          tensors: [
            { name: 'a', shape: [1] },
            { name: 'a', shape: [1], data: '', byteOffset: 0 },
          ],
        },
      }),
    );
    expect(problems.map((p) => p.where.field)).toEqual(['extra', 'history', 'weights.dtype']);
    const weightProblems = issuesOf(
      file({
        weights: {
          dtype: 'float32',
          tensors: [
            { name: 'a', shape: [1] },
            { name: 'a', shape: [1], byteOffset: 0 },
          ],
        },
      }),
    );
    expect(weightProblems.map((p) => p.message)).toEqual([
      `tensor 'a' needs exactly one of "data" (base64) or "byteOffset"`,
      "tensor 'a' appears twice",
      `tensor 'a' has a byteOffset but weights names no "file"`,
    ]);
  });

  it('refuses a graph that is not {nodes, edges}', () => {
    expect(issuesOf(file({}, { nodes: {} }))[0]).toMatchObject({
      code: 'E_SCHEMA',
      where: { field: 'graph' },
    });
  });

  it('treats prototype-named keys as plain data', () => {
    const result = parseModelFile(
      file({}, { nodes: [{ id: '__proto__', type: 'constructor', params: { toString: 1 } }], edges: [] }),
    );
    expect(result.ok).toBe(true);
  });

  it('refuses __proto__ in params with the unknown-param message naming node and field', () => {
    const text = file(
      {},
      { nodes: [{ id: 'd1', type: 'Dense', params: { units: 4, __proto__: { units: 9 } } }], edges: [] },
    );
    // JSON.stringify drops a __proto__ key of an object literal: write it into the text instead.
    const withProto = text.replace('"units":4', '"units":4,"__proto__":{"units":9}');
    expect(withProto).toContain('__proto__');
    expect(issuesOf(withProto)).toEqual([
      expect.objectContaining({
        code: 'E_UNKNOWN_PARAM',
        where: { nodeId: 'd1', field: '__proto__' },
        message: expect.stringContaining("has no parameter '__proto__'"),
      }),
    ]);
  });

  it('refuses thousands of nesting levels with a placed error, and saves the deepest it accepts', () => {
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const text5000 = file({}, null).replace('"graph":null', `"graph":${deep(5000)}`);
    // The bracket that opens level 257, counting the document's own object as level 1.
    const column = text5000.indexOf('[') + 256;
    expect(issuesOf(text5000)).toEqual([
      expect.objectContaining({
        code: 'E_JSON_SYNTAX',
        message: `invalid JSON at line 1, column ${column}: nested too deeply (more than 256 levels)`,
        where: { line: 1, column },
      }),
    ]);
    // 255 levels inside the document's own object: accepted (as a param, which analysis judges later).
    const text = file({}, null).replace(
      '"graph":null',
      `"graph":{"nodes":[{"id":"in","type":"InputLayer","params":{"x":${deep(251)}}}],"edges":[]}`,
    );
    const accepted = parseModelFile(text);
    expect(accepted.ok).toBe(true);
    if (accepted.ok) expect(parseModelFile(serializeModelFile(accepted.model))).toEqual(accepted);
  });
});
