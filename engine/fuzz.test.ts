// Random mutations of valid model files must only ever produce Issues, never exceptions: whatever a
// user or a broken tool writes, loading reports it and the app carries on; whatever loads also saves,
// and what is saved loads back the same.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { compileGraph } from './compile';
import { LAYER_DEFINITIONS } from './layers';
import { MAX_JSON_DEPTH } from './json-text';
import { parseModelFile, readModel, serializeModelFile } from './model-file';
import { summarize } from './summary';

const templates = ['mnist-cnn', 'mnist-mlp', 'lenet5', 'fashion-cnn-augmented'].map((name) =>
  JSON.parse(readFileSync(new URL(`../assets/templates/${name}.json`, import.meta.url), 'utf8')),
);

type Json = unknown;
type Mutation = (value: Json) => Json;

/** Paths to every value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => paths(v, [...prefix, i]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))
      : [];
  return [prefix, ...children];
}

function setAt(root: Json, path: (string | number)[], replace: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return replace(root);
  const copy: Json = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  const next = replace(parent[last]);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = next;
  return copy;
}

const layerType = fc.constantFrom(
  ...LAYER_DEFINITIONS.map((d) => d.type),
  'Nope',
  '__proto__',
  'constructor',
);
const interesting = fc.oneof(
  fc.jsonValue(),
  layerType,
  fc.constantFrom(
    0,
    -1,
    1,
    2,
    3,
    1e9,
    0.5,
    -0.0,
    65537,
    null,
    true,
    'same',
    'valid',
    'relu',
    [],
    {},
    [3, 3],
    [0, 2],
    [-1, 4],
    [28, 28, 1],
  ),
);

/** A mutation: replace, delete or duplicate a value at a random path, or add a random key. */
function mutation(document: Json): fc.Arbitrary<Mutation> {
  const all = paths(document);
  const path = fc.constantFrom(...all);
  return fc.oneof(
    fc.tuple(path, interesting).map(
      ([p, v]): Mutation =>
        (doc) =>
          setAt(doc, p, () => v),
    ),
    fc.tuple(path).map(
      ([p]): Mutation =>
        (doc) =>
          setAt(doc, p, () => undefined),
    ),
    fc
      .tuple(
        path,
        fc.constantFrom(
          'params',
          'filters',
          'kernel_size',
          'units',
          'rate',
          'axis',
          'name',
          'id',
          'x',
          'toString',
        ),
      )
      .map(
        ([p, key]): Mutation =>
          (doc) =>
            setAt(doc, p, (old) =>
              typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, [key]: 7 } : old,
            ),
      ),
    // Deep nesting anywhere: up to the parser's limit it must load, save and analyze like anything else.
    fc.tuple(path, fc.integer({ min: 1, max: MAX_JSON_DEPTH - 12 })).map(
      ([p, depth]): Mutation =>
        (doc) =>
          setAt(doc, p, () => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
    ),
    fc.tuple(fc.nat(20), fc.nat(20)).map(
      ([a, b]): Mutation =>
        (doc) =>
          setAt(doc, ['graph', 'edges'], (edges) =>
            Array.isArray(edges)
              ? [...edges, { source: `n${a}`, target: edges[b % Math.max(edges.length, 1)]?.target ?? 'x' }]
              : edges,
          ),
    ),
  );
}

function loadEverything(document: Json): void {
  const result = readModel(document);
  if (!result.ok) {
    expect(result.issues.length).toBeGreaterThan(0);
    return;
  }
  const saved = serializeModelFile(result.model);
  const again = parseModelFile(saved);
  expect(again.ok).toBe(true);
  if (again.ok) expect(serializeModelFile(again.model)).toBe(saved);
  const analysis = analyzeGraph(result.model.graph);
  const compiled = compileGraph(result.model.graph);
  expect(compiled.ok).toBe(analysis.issues.length === 0);
  if (compiled.ok) summarize(compiled.analysis);
  for (const problem of analysis.issues) expect(typeof problem.message).toBe('string');
}

describe('fuzzing the loader and validator', () => {
  it.each(templates.map((t) => [t.name as string, t]))(
    'mutations of %s only ever produce issues',
    (_name, template) => {
      const mutated = fc.array(mutation(template), { minLength: 1, maxLength: 4 }).map((mutations) =>
        mutations.reduce((doc, mutate) => {
          try {
            return mutate(doc);
          } catch {
            return doc;
          }
        }, template as Json),
      );
      fc.assert(
        fc.property(mutated, (doc) => loadEverything(doc)),
        { numRuns: 1500 },
      );
    },
  );

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseModelFile(text);
        if (!result.ok) expect(result.issues[0]?.message).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });

  it('random JSON text, prototype keys and deep nesting included, only ever produces issues', () => {
    const cnn = JSON.stringify(templates[0]);
    const text = fc.oneof(
      fc.json({ maxDepth: 6 }),
      fc
        .tuple(fc.nat(cnn.length), fc.json({ maxDepth: 3 }))
        .map(([at, j]) => cnn.slice(0, at) + j + cnn.slice(at)),
      fc
        .tuple(fc.nat(cnn.length), fc.integer({ min: 1, max: 20_000 }))
        .map(([at, n]) => cnn.slice(0, at) + '['.repeat(n) + ']'.repeat(n) + cnn.slice(at)),
      fc
        .constantFrom('__proto__', 'constructor', 'prototype')
        .map((key) => cnn.replace('"params":{', `"params":{"${key}":{"units":1},`)),
    );
    fc.assert(
      fc.property(text, (t) => {
        const result = parseModelFile(t);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const problem of result.issues) expect(problem.message).not.toMatch(/\n\s+at /);
        } else loadEverything(JSON.parse(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('truncated files report a syntax error with a place', () => {
    const text = readFileSync(new URL('../assets/templates/mnist-cnn.json', import.meta.url), 'utf8');
    fc.assert(
      fc.property(fc.nat(text.length - 2), (cut) => {
        const result = parseModelFile(text.slice(0, cut));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues[0]?.where.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
