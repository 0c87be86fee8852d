// TensorFlow.js Layers import: a model.json (our export, tfjs' own save, or tensorflowjs_converter output
// from Keras) and its weight files become a Layerwise model file with inline weights. Whatever Layerwise
// cannot represent is one issue per layer, and then nothing is returned.
import { z } from 'zod';
import { compileGraph, type ExecutionPlan } from '../../compile';
import type { GraphNode } from '../../graph';
import { issue, type Issue } from '../../issues';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from '../../model-file';
import type { FormatResult } from '../types';
import { encodeWeights } from '../weights';
import { describeValue, field, UnsupportedConfig, type KerasConfig } from './keras-config';
import { KERAS_LAYERS } from '../layer-tables';
import { foldLeakyRelu } from './tfjs-leaky-relu';
import { readTopology, type KerasLayerCall } from './tfjs-topology';
import { float32Values, manifestSchema, readManifest, type ManifestTensor } from './tfjs-weights';

const modelJsonSchema = z.object(
  {
    modelTopology: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
    weightsManifest: manifestSchema.optional(),
  },
  { error: 'must be an object' },
);

const fail = (code: Issue['code'], message: string, field?: string): FormatResult<ModelFile> => ({
  ok: false,
  issues: [issue(code, message, field === undefined ? {} : { field })],
});

interface ClassMapping {
  readonly type: string;
  fromKeras(config: KerasConfig): Record<string, unknown>;
  readonly lastAxisField?: string;
}

const BY_CLASS = new Map<string, ClassMapping>(
  Object.entries(KERAS_LAYERS).map(([type, m]) => [m.className, { ...m, type }] as const),
);
const SUPPORTED = [...BY_CLASS.keys()].join(', ');

interface ImportedLayer {
  readonly call: KerasLayerCall;
  readonly node: GraphNode & { params: Record<string, unknown> };
  inputs: string[];
  readonly lastAxis?: unknown;
}

function toLayer(call: KerasLayerCall): ImportedLayer | Issue {
  const where = { nodeId: call.name };
  const mapping = BY_CLASS.get(call.className);
  if (mapping === undefined)
    return issue(
      'E_UNKNOWN_TYPE',
      `layer '${call.name}' (${call.className}) is not supported: Layerwise has ${SUPPORTED}`,
      where,
    );
  try {
    const params = mapping.fromKeras(call.config);
    // Keras writes trainable: false for a frozen layer; the graph stores only that case.
    const frozen = call.config.trainable === false ? { trainable: false } : {};
    const node = { id: call.name, type: mapping.type, name: call.name, params, ...frozen };
    const lastAxis =
      mapping.lastAxisField === undefined ? undefined : field(call.config, mapping.lastAxisField);
    return { call, node, inputs: [...call.inputs], lastAxis };
  } catch (error) {
    if (!(error instanceof UnsupportedConfig)) throw error;
    return issue('E_PARAM', `layer '${call.name}' (${call.className}): ${error.message}`, {
      ...where,
      field: error.field,
    });
  }
}

/** BatchNormalization's axis: -1 or the index (batch included) of the input's last axis. */
function lastAxisIssues(layers: readonly ImportedLayer[], plan: ExecutionPlan): Issue[] {
  const rank = new Map(plan.nodes.map((n) => [n.name, n.inputShapes[0]?.length ?? 0]));
  return layers.flatMap((l) => {
    const axis = Array.isArray(l.lastAxis) && l.lastAxis.length === 1 ? l.lastAxis[0] : l.lastAxis;
    if (axis === undefined || axis === -1 || axis === rank.get(l.call.name)) return [];
    const message = `layer '${l.call.name}' (${l.call.className}): axis ${describeValue(l.lastAxis)} is not supported: Layerwise normalizes the last axis (channels)`;
    return [issue('E_PARAM', message, { nodeId: l.call.name, field: 'axis' })];
  });
}

/** The manifest tensor for a weight: by its name, Keras' `name:0`, or a unique `<scope>/name`. */
function findTensor(tensors: ReadonlyMap<string, ManifestTensor>, name: string) {
  const exact = tensors.get(name) ?? tensors.get(`${name}:0`);
  if (exact !== undefined) return exact;
  const scoped = [...tensors.keys()].filter((k) => k.endsWith(`/${name}`) || k.endsWith(`/${name}:0`));
  return scoped.length === 1 ? tensors.get(scoped[0] as string) : undefined;
}

function planWeights(plan: ExecutionPlan, tensors: ReadonlyMap<string, ManifestTensor>, issues: Issue[]) {
  const values = new Map<string, Float32Array>();
  for (const node of plan.nodes)
    for (const w of node.weights) {
      const where = { nodeId: node.id, field: `weights.${w.name}` };
      const tensor = findTensor(tensors, w.name);
      if (tensor === undefined)
        issues.push(issue('E_WEIGHTS', `the weights have no tensor '${w.name}'`, where));
      else if (tensor.shape.join(',') !== w.shape.join(','))
        issues.push(
          issue(
            'E_WEIGHTS',
            `tensor '${w.name}' has shape [${tensor.shape}], the layer needs [${w.shape}]`,
            where,
          ),
        );
      else values.set(w.name, float32Values(tensor.bytes));
    }
  return values;
}

/** `modelJson` is the parsed model.json; `weightFiles` maps the plain names its manifest lists to bytes. */
export function importTfjs(
  modelJson: unknown,
  weightFiles: Readonly<Record<string, Uint8Array>>,
): FormatResult<ModelFile> {
  if ((modelJson as { format?: unknown } | null)?.format === 'graph-model')
    return fail(
      'E_FORMAT',
      'this is a TensorFlow.js graph model (converted from a SavedModel): Layerwise opens Layers models (tensorflowjs_converter --output_format=tfjs_layers_model)',
    );
  const parsed = modelJsonSchema.safeParse(modelJson);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const path = first?.path.join('.') ?? '';
    return fail('E_FORMAT', `not a TensorFlow.js Layers model.json: ${path || 'it'} ${first?.message}`, path);
  }
  const topology = readTopology(parsed.data.modelTopology);
  if (!topology.ok) return { ok: false, issues: topology.issues };
  const converted = topology.layers.map(toLayer);
  const unsupported = converted.filter((c): c is Issue => 'code' in c);
  if (unsupported.length > 0) return { ok: false, issues: unsupported };
  const layers = foldLeakyRelu(converted as ImportedLayer[]);
  const graph = {
    nodes: layers.map((l) => l.node),
    edges: layers.flatMap((l) => l.inputs.map((source) => ({ source, target: l.node.id }))),
  };
  const compiled = compileGraph(graph);
  if (!compiled.ok) return { ok: false, issues: compiled.issues };
  const axisIssues = lastAxisIssues(layers, compiled.plan);
  if (axisIssues.length > 0) return { ok: false, issues: axisIssues };

  const name = (topology.name ?? 'imported').slice(0, 200);
  const model: ModelFile = { format: MODEL_FORMAT, version: MODEL_VERSION, name, graph };
  const manifest = parsed.data.weightsManifest;
  if (manifest === undefined) return { ok: true, value: model };
  const { tensors, issues } = readManifest(manifest, weightFiles);
  if (issues.length > 0) return { ok: false, issues };
  const values = planWeights(compiled.plan, tensors, issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { ...model, weights: encodeWeights(compiled.plan, values) } };
}
