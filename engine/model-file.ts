// The Layerwise model file, version 2: parse (with a place for every problem, migrating older versions)
// and serialize. docs/model-format.md documents it; model-schema.ts derives its JSON Schema from the same
// pieces.
import { z } from 'zod';
import type { Graph, GraphEdge, GraphNode } from './graph';
import { issue, type Issue, type IssuePlace } from './issues';
import { parseJsonText } from './json-text';
import { migrateModelFile } from './model-migrations';
import { savedRunSchema, type SavedRun } from './model-runs';
import { prettyJson } from './pretty-json';
import { unknownParam } from './registry';

export const MODEL_FORMAT = 'layerwise-model';
export const MODEL_VERSION = 2;

export interface WeightTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** Base64 of little-endian float32 values, or absent when byteOffset points into the sidecar file. */
  readonly data?: string;
  readonly byteOffset?: number;
}

export interface ModelWeights {
  readonly dtype: 'float32';
  /** Sidecar file beside the model holding the tensors that have a byteOffset. */
  readonly file?: string;
  /** The id of the run (in `runs`) these weights came from. */
  readonly run?: string;
  readonly tensors: readonly WeightTensor[];
}

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  /** The document's id: its runs belong to it (absent in templates and in files other tools wrote). */
  readonly id?: string;
  readonly name: string;
  readonly graph: Graph;
  readonly training?: Readonly<Record<string, unknown>>;
  readonly weights?: ModelWeights;
  readonly history?: readonly Readonly<Record<string, unknown>>[];
  /** The document's training runs, oldest first. */
  readonly runs?: readonly SavedRun[];
}

export type ModelFileResult =
  | { readonly ok: true; readonly model: ModelFile }
  | { readonly ok: false; readonly issues: readonly Issue[] };

// --- field schemas, shared with the JSON Schema generator -------------------------------------------

const finite = z.number({ error: 'must be a number' }).finite({ error: 'must be a finite number' });
const text = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });

export const nodeFieldSchemas = {
  id: text(200)
    .min(1, { error: 'must not be empty' })
    .meta({ description: 'Unique id of the node within the graph.' }),
  type: text(100).meta({ description: 'Layer type: a Keras class name such as Conv2D.' }),
  name: text(100).meta({ description: 'Keras-style layer name; generated from the type when absent.' }),
  params: z.record(z.string(), z.unknown(), { error: 'must be an object' }).meta({
    description: "The layer's parameters (Keras config keys); omitted ones take the defaults.",
  }),
  position: z
    .strictObject({ x: finite, y: finite }, { error: 'must be an object {"x": number, "y": number}' })
    .meta({
      description: 'Where the node sits on the canvas.',
    }),
  trainable: z.boolean({ error: 'must be true or false' }).meta({
    description:
      'false freezes the layer (Keras trainable=False): its weights stay as they are. Default true.',
  }),
  bypassed: z.boolean({ error: 'must be true or false' }).meta({
    description:
      'true bypasses the layer: its input passes through; it is not trained or exported. Default false.',
  }),
};

export const edgeSchema = z
  .strictObject(
    { source: text(200), target: text(200) },
    { error: 'must be an object {"source": id, "target": id}' },
  )
  .meta({
    description:
      "Feeds the source node's output into the target node; Concatenate takes its inputs in edge order.",
  });

const dim = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });

export const weightsSchema = z
  .strictObject({
    dtype: z.literal('float32', { error: "must be 'float32'" }),
    file: text(500)
      .optional()
      .meta({ description: 'Sidecar .bin file (relative to the model file) for tensors with byteOffset.' }),
    run: text(100)
      .optional()
      .meta({ description: 'The id of the run in "runs" that trained these weights.' }),
    tensors: z.array(
      z.strictObject({
        name: text(300).meta({ description: 'layer name / weight name, e.g. conv2d/kernel.' }),
        shape: z.array(dim, { error: 'must be a list of whole numbers' }),
        data: z
          .string({ error: 'must be a base64 string' })
          .optional()
          .meta({ description: 'Base64 of little-endian float32 values.' }),
        byteOffset: dim
          .optional()
          .meta({ description: 'Offset of the little-endian float32 values in the sidecar file.' }),
      }),
      { error: 'must be a list of tensors' },
    ),
  })
  .meta({
    description:
      'Trained weights as named tensors in Keras layout (Conv2D kernel HWIO, Dense kernel (in, out)).',
  });

export const envelopeSchemas = {
  id: text(100)
    .min(1, { error: 'must not be empty' })
    .meta({ description: "The document's id; its runs belong to it." }),
  name: text(200).meta({ description: 'Name of the model.' }),
  training: z
    .record(z.string(), z.unknown(), { error: 'must be an object' })
    .meta({ description: 'Training configuration.' }),
  history: z
    .array(z.record(z.string(), z.unknown(), { error: 'must be an object' }), { error: 'must be a list' })
    .meta({ description: 'Per-epoch training history.' }),
  runs: z
    .array(savedRunSchema, { error: 'must be a list' })
    .max(1000)
    .meta({ description: "The document's training runs (curves, results), oldest first." }),
  weights: weightsSchema,
};

const TOP_LEVEL_KEYS = new Set([
  'format',
  'version',
  'id',
  'name',
  'graph',
  'training',
  'weights',
  'history',
  'runs',
]);
const NODE_KEYS = new Set(['id', 'type', 'name', 'params', 'position', 'trainable', 'bypassed']);

// --- parsing ------------------------------------------------------------------------------------------

export function parseModelFile(source: string): ModelFileResult {
  const json = parseJsonText(source);
  if (!json.ok)
    return {
      ok: false,
      issues: [issue('E_JSON_SYNTAX', json.message, { line: json.line, column: json.column })],
    };
  return readModel(json.value);
}

/** Checks an already parsed value; every problem is reported, each with its node or field. */
export function readModel(raw: unknown): ModelFileResult {
  if (!isObject(raw)) return fail(issue('E_FORMAT', 'not a Layerwise model file: expected a JSON object'));
  if (raw.format !== MODEL_FORMAT) {
    const found =
      typeof raw.format === 'string'
        ? `its format is '${raw.format}'`
        : 'it has no "format": "layerwise-model"';
    return fail(issue('E_FORMAT', `not a Layerwise model file: ${found}`, { field: 'format' }));
  }
  const value = migrateModelFile(raw);
  if (value.version !== MODEL_VERSION) return fail(versionIssue(raw.version));

  const issues: Issue[] = [];
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.has(key)) issues.push(issue('E_SCHEMA', `unknown field '${key}'`, { field: key }));
  }
  const name =
    value.name === undefined ? 'untitled' : check(envelopeSchemas.name, value.name, 'name', issues);
  const optional = <T>(key: 'id' | 'training' | 'history' | 'weights' | 'runs', schema: z.ZodType<T>) =>
    value[key] === undefined ? undefined : check(schema, value[key], key, issues);
  const id = optional('id', envelopeSchemas.id);
  const training = optional('training', envelopeSchemas.training);
  const history = optional('history', envelopeSchemas.history);
  const weights = optional('weights', envelopeSchemas.weights);
  if (weights !== undefined) checkWeights(weights, issues);
  const runs = readRuns(optional('runs', envelopeSchemas.runs), issues);
  const graph = readGraph(value.graph, issues);

  if (issues.length > 0 || graph === undefined || name === undefined) return { ok: false, issues };
  return {
    ok: true,
    model: {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      ...(id === undefined ? {} : { id }),
      name,
      graph,
      ...(training === undefined ? {} : { training }),
      ...(weights === undefined ? {} : { weights }),
      ...(history === undefined ? {} : { history }),
      ...(runs === undefined ? {} : { runs }),
    },
  };
}

/** Each run's graph gets the same structural checks as the document's; run ids must be unique. */
function readRuns(
  runs: readonly z.infer<typeof savedRunSchema>[] | undefined,
  issues: Issue[],
): SavedRun[] | undefined {
  if (runs === undefined) return undefined;
  const seen = new Set<string>();
  return runs.map((run, i) => {
    if (seen.has(run.id))
      issues.push(issue('E_SCHEMA', `run id '${run.id}' appears twice`, { field: `runs[${i}].id` }));
    seen.add(run.id);
    if (run.graph === undefined) return run as SavedRun;
    const graph = readGraph(run.graph, issues, `runs[${i}].graph`);
    return { ...run, ...(graph === undefined ? {} : { graph }) } as SavedRun;
  });
}

function versionIssue(version: unknown): Issue {
  if (typeof version === 'number' && Number.isInteger(version) && version > MODEL_VERSION) {
    return issue(
      'E_VERSION',
      `this file is format version ${version}, written by a newer Layerwise; this one reads version ${MODEL_VERSION}: update Layerwise to open it`,
      { field: 'version' },
    );
  }
  return issue(
    'E_VERSION',
    `unknown format version ${JSON.stringify(version) ?? 'missing'}: expected ${MODEL_VERSION}`,
    { field: 'version' },
  );
}

function readGraph(value: unknown, issues: Issue[], path = 'graph'): Graph | undefined {
  if (!isObject(value) || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) {
    issues.push(
      issue('E_SCHEMA', `${path} must be an object {"nodes": [...], "edges": [...]}`, { field: path }),
    );
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'nodes' && key !== 'edges')
      issues.push(issue('E_SCHEMA', `unknown field '${key}'`, { field: `${path}.${key}` }));
  }
  const nodes = value.nodes.map((raw, i) => readNode(raw, `${path}.nodes[${i}]`, issues));
  const edges = value.edges.map((raw, i) => check(edgeSchema, raw, `${path}.edges[${i}]`, issues));
  if (nodes.some((n) => n === undefined) || edges.some((e) => e === undefined)) return undefined;
  return { nodes: nodes as GraphNode[], edges: edges as GraphEdge[] };
}

function readNode(raw: unknown, path: string, issues: Issue[]): GraphNode | undefined {
  if (!isObject(raw)) {
    issues.push(issue('E_SCHEMA', 'must be an object {"id", "type", "params"}', { field: path }));
    return undefined;
  }
  const id = check(nodeFieldSchemas.id, raw.id, `${path}.id`, issues);
  const place = (field: string) => (id === undefined ? { field: `${path}.${field}` } : { nodeId: id, field });
  const before = issues.length;
  for (const key of Object.keys(raw)) {
    if (!NODE_KEYS.has(key)) issues.push(issue('E_SCHEMA', `unknown field '${key}'`, place(key)));
  }
  const field = <T>(key: keyof typeof nodeFieldSchemas, schema: z.ZodType<T>): T | undefined => {
    const result = schema.safeParse(raw[key]);
    if (result.success) return result.data;
    issues.push(...schemaIssues(key, raw[key], result.error, place));
    return undefined;
  };
  const type = field('type', nodeFieldSchemas.type);
  const name = raw.name === undefined ? undefined : field('name', nodeFieldSchemas.name);
  const params = raw.params === undefined ? undefined : field('params', nodeFieldSchemas.params);
  const position = raw.position === undefined ? undefined : field('position', nodeFieldSchemas.position);
  const trainable = raw.trainable === undefined ? undefined : field('trainable', nodeFieldSchemas.trainable);
  const bypassed = raw.bypassed === undefined ? undefined : field('bypassed', nodeFieldSchemas.bypassed);
  // JSON.parse makes "__proto__" an own key, but the record schema copies it into a prototype: refuse it
  // here, as every other unknown param is refused later, or it would vanish silently.
  if (
    id !== undefined &&
    type !== undefined &&
    isObject(raw.params) &&
    Object.hasOwn(raw.params, '__proto__')
  )
    issues.push(unknownParam(type, '__proto__', id, name ?? id));
  if (id === undefined || type === undefined || issues.length > before) return undefined;
  return {
    id,
    type,
    ...(name === undefined ? {} : { name }),
    ...(params === undefined ? {} : { params }),
    ...(position === undefined ? {} : { position }),
    ...(trainable === false ? { trainable } : {}),
    ...(bypassed === true ? { bypassed } : {}),
  };
}

function checkWeights(weights: ModelWeights, issues: Issue[]): void {
  const seen = new Set<string>();
  weights.tensors.forEach((t, i) => {
    const field = `weights.tensors[${i}]`;
    if (seen.has(t.name)) issues.push(issue('E_WEIGHTS', `tensor '${t.name}' appears twice`, { field }));
    seen.add(t.name);
    if ((t.data === undefined) === (t.byteOffset === undefined)) {
      issues.push(
        issue('E_WEIGHTS', `tensor '${t.name}' needs exactly one of "data" (base64) or "byteOffset"`, {
          field,
        }),
      );
    } else if (t.byteOffset !== undefined && weights.file === undefined) {
      issues.push(
        issue('E_WEIGHTS', `tensor '${t.name}' has a byteOffset but weights names no "file"`, { field }),
      );
    }
  });
}

function check<T>(schema: z.ZodType<T>, value: unknown, path: string, issues: Issue[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...schemaIssues(path, value, result.error, (field) => ({ field })));
  return undefined;
}

/** One Issue per zod problem, worded for users: "graph.edges[0].target is missing". */
function schemaIssues(
  base: string,
  value: unknown,
  error: z.ZodError,
  place: (field: string) => IssuePlace,
): Issue[] {
  return error.issues.map((problem) => {
    const where = joinPath(base, problem.path);
    const message =
      problem.code === 'unrecognized_keys'
        ? `${where}: unknown field ${problem.keys.map((k) => `'${k}'`).join(', ')}`
        : problem.code === 'invalid_type' && valueAt(value, problem.path) === undefined
          ? `${where} is missing`
          : `${where} ${problem.message}`;
    return issue('E_SCHEMA', message, place(where));
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function joinPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    base,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fail = (problem: Issue): ModelFileResult => ({ ok: false, issues: [problem] });

// --- writing ------------------------------------------------------------------------------------------

const orderedGraph = (graph: Graph) => ({
  nodes: graph.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    ...(n.name === undefined ? {} : { name: n.name }),
    ...(n.params === undefined ? {} : { params: n.params }),
    ...(n.position === undefined ? {} : { position: n.position }),
    ...(n.trainable === false ? { trainable: false } : {}),
    ...(n.bypassed === true ? { bypassed: true } : {}),
  })),
  edges: graph.edges.map((e) => ({ source: e.source, target: e.target })),
});

/** A run's long number lists stay on one line each, so a file with runs stays readable and small. */
const INLINE_KEYS = new Set(['batches', 'confusion', 'per_class_accuracy', 'epoch_seconds', 'misclassified']);

/** Pretty JSON with a stable key order, so saved files diff well. */
export function serializeModelFile(model: ModelFile): string {
  const ordered = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    ...(model.id === undefined ? {} : { id: model.id }),
    name: model.name,
    graph: orderedGraph(model.graph),
    ...(model.training === undefined ? {} : { training: model.training }),
    ...(model.history === undefined ? {} : { history: model.history }),
    ...(model.runs === undefined
      ? {}
      : {
          runs: model.runs.map(({ graph, ...run }) => ({
            ...run,
            ...(graph === undefined ? {} : { graph: orderedGraph(graph) }),
          })),
        }),
    ...(model.weights === undefined ? {} : { weights: model.weights }),
  };
  // Only runs carry the inlined keys; everything else is exactly JSON.stringify(ordered, null, 2).
  return `${prettyJson(ordered, model.runs === undefined ? new Set() : INLINE_KEYS)}\n`;
}
