// Reads the layers out of a model.json topology: Sequential (Keras 2 `{layers}` or the old list form) and
// Functional/Model (inbound nodes as Keras 2 lists or Keras 3 `{args}` objects), one call per layer.
import { issue, type Issue } from '../../issues';
import { snakeCase } from '../../layer-names';
import type { KerasConfig } from './keras-config';

/** One layer call: its class, name, config and the names of its inputs, in order. */
export interface KerasLayerCall {
  readonly className: string;
  readonly name: string;
  readonly config: KerasConfig;
  readonly inputs: readonly string[];
}

export type TopologyResult =
  { ok: true; name: string | undefined; layers: KerasLayerCall[] } | { ok: false; issues: Issue[] };

/** More layers than this is not a model someone drew; refuse before doing work per layer. */
export const MAX_LAYERS = 2000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string, field: string): TopologyResult => ({
  ok: false,
  issues: [issue('E_FORMAT', message, { field })],
});

export function readTopology(modelTopology: Record<string, unknown>): TopologyResult {
  const model = isObject(modelTopology.model_config) ? modelTopology.model_config : modelTopology;
  const className = model.class_name;
  const config = model.config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (typeof className !== 'string' || !Array.isArray(layers))
    return fail(
      'modelTopology has no model: expected {class_name, config: {layers: [...]}}',
      'modelTopology',
    );
  if (layers.length > MAX_LAYERS)
    return fail(
      `the model has ${layers.length} layers; Layerwise opens at most ${MAX_LAYERS}`,
      'modelTopology',
    );
  const name = isObject(config) && typeof config.name === 'string' ? config.name : undefined;
  const issues: Issue[] = [];
  const entries = layers.map((entry, i) => readEntry(entry, i, issues));
  if (issues.length > 0) return { ok: false, issues };
  const found = entries as Entry[];
  if (className === 'Sequential') return sequential(found, name);
  if (className === 'Functional' || className === 'Model') return functional(found, name);
  return fail(
    `modelTopology is a '${className}': Layerwise opens Sequential and Functional models`,
    'class_name',
  );
}

interface Entry {
  className: string;
  name: string;
  config: KerasConfig;
  inboundNodes: unknown;
}

function readEntry(entry: unknown, index: number, issues: Issue[]): Entry | undefined {
  const field = `layers.${index}`;
  if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config)) {
    issues.push(issue('E_FORMAT', `layer ${index + 1} is not {class_name, config}`, { field }));
    return undefined;
  }
  const named = typeof entry.name === 'string' ? entry.name : entry.config.name;
  const name = typeof named === 'string' ? named : `${snakeCase(entry.class_name)}_${index}`;
  return { className: entry.class_name, name, config: entry.config, inboundNodes: entry.inbound_nodes };
}

/** A chain; a first layer that carries the input shape (Keras 2) gets an InputLayer in front. */
function sequential(entries: Entry[], name: string | undefined): TopologyResult {
  const layers: KerasLayerCall[] = [];
  const first = entries[0];
  if (first !== undefined && first.className !== 'InputLayer') {
    const { batch_input_shape, batch_shape, input_shape } = first.config;
    const shape =
      batch_input_shape ?? batch_shape ?? (Array.isArray(input_shape) ? [null, ...input_shape] : undefined);
    if (shape === undefined)
      return fail(
        `the Sequential model declares no input shape (batch_input_shape on layer '${first.name}')`,
        'layers.0',
      );
    const taken = new Set(entries.map((e) => e.name));
    let inputName = `${first.name}_input`;
    while (taken.has(inputName)) inputName += '_';
    layers.push({
      className: 'InputLayer',
      name: inputName,
      config: { batch_input_shape: shape },
      inputs: [],
    });
  }
  for (const entry of entries) {
    const previous = layers.at(-1)?.name;
    layers.push({ ...entry, inputs: previous === undefined ? [] : [previous] });
  }
  return { ok: true, name, layers };
}

function functional(entries: Entry[], name: string | undefined): TopologyResult {
  const issues: Issue[] = [];
  const layers = entries.map((entry): KerasLayerCall => {
    const nodes = Array.isArray(entry.inboundNodes) ? entry.inboundNodes : [];
    const where = { nodeId: entry.name, field: 'inbound_nodes' };
    if (entry.inboundNodes !== undefined && !Array.isArray(entry.inboundNodes))
      issues.push(issue('E_FORMAT', `layer '${entry.name}' has inbound_nodes that are not a list`, where));
    if (nodes.length > 1)
      issues.push(
        issue(
          'E_FORMAT',
          `layer '${entry.name}' is called ${nodes.length} times: Layerwise has no shared layers`,
          where,
        ),
      );
    const history: unknown[][] = [];
    collectHistory(nodes[0], history, 0);
    const inputs: string[] = [];
    for (const [inbound, node, tensor] of history) {
      if (typeof inbound !== 'string')
        issues.push(issue('E_FORMAT', `layer '${entry.name}' has an input without a name`, where));
      else if (node !== 0 || tensor !== 0)
        issues.push(
          issue(
            'E_FORMAT',
            `layer '${entry.name}' takes output ${String(node)}/${String(tensor)} of '${inbound}': Layerwise layers have one output`,
            where,
          ),
        );
      else inputs.push(inbound);
    }
    return { className: entry.className, name: entry.name, config: entry.config, inputs };
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, name, layers };
}

/**
 * Inputs of one layer call: Keras 2 writes [[name, node, tensor, kwargs], ...], Keras 3
 * {args: [...]} holding {class_name: '__keras_tensor__', config: {keras_history: [name, node, tensor]}}.
 */
function collectHistory(value: unknown, out: unknown[][], depth: number): void {
  if (depth > 6 || out.length > MAX_LAYERS) return;
  if (Array.isArray(value)) {
    if (typeof value[0] === 'string') out.push(value.slice(0, 3));
    else for (const item of value) collectHistory(item, out, depth + 1);
  } else if (isObject(value)) {
    const history = isObject(value.config) ? value.config.keras_history : undefined;
    if (value.class_name === '__keras_tensor__' && Array.isArray(history)) out.push(history.slice(0, 3));
    else collectHistory(value.args, out, depth + 1);
  }
}
