// What changed between two graphs, by Keras layer name: layers added, removed and changed (type,
// params with their defaults filled in, frozen/bypassed flags, inputs), each change also in words
// ("dense: units 64 → 128"). Positions are not part of a model, so moving a node is no change.
import type { Graph, GraphNode } from './graph';
import { assignLayerNames } from './layer-names';
import { getLayer, resolveParams } from './registry';

export interface LayerDetail {
  /** 'param' carries the param's name in `key`. */
  readonly field: 'type' | 'name' | 'param' | 'trainable' | 'bypassed' | 'inputs';
  readonly key?: string;
  readonly from: string;
  readonly to: string;
}

export type LayerChange =
  | { readonly kind: 'added' | 'removed'; readonly name: string; readonly type: string }
  | {
      readonly kind: 'changed';
      /** The layer's name in the newer graph. */
      readonly name: string;
      readonly type: string;
      readonly details: readonly LayerDetail[];
    };

export interface GraphDiff {
  readonly added: readonly LayerChange[];
  readonly removed: readonly LayerChange[];
  readonly changed: readonly LayerChange[];
}

interface NamedLayer {
  readonly node: GraphNode;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly string[];
}

/** A value as the diff prints it: numbers and strings bare, lists in brackets, null as none. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The node's params with every default filled in; the raw ones when they do not validate. */
function resolvedParams(node: GraphNode): Readonly<Record<string, unknown>> {
  const definition = getLayer(node.type);
  if (definition === undefined) return node.params ?? {};
  return resolveParams(definition, node.params ?? {}, node.id).params ?? node.params ?? {};
}

function namedLayers(graph: Graph): Map<string, NamedLayer> {
  const { names } = assignLayerNames(graph.nodes);
  const nameOf = (id: string) => names.get(id) ?? id;
  const layers = new Map<string, NamedLayer>();
  for (const node of graph.nodes) {
    const inputs = graph.edges.filter((e) => e.target === node.id).map((e) => nameOf(e.source));
    layers.set(nameOf(node.id), { node, name: nameOf(node.id), params: resolvedParams(node), inputs });
  }
  return layers;
}

function layerDetails(
  before: NamedLayer,
  after: NamedLayer,
  pairedName: (old: string) => string,
): LayerDetail[] {
  const details: LayerDetail[] = [];
  // A generated name may shift when another layer is renamed (dense_1 becomes dense): only a name
  // someone wrote counts as a rename.
  const named = before.node.name !== undefined || after.node.name !== undefined;
  if (named && before.name !== after.name) details.push({ field: 'name', from: before.name, to: after.name });
  if (before.node.type !== after.node.type) {
    details.push({ field: 'type', from: before.node.type, to: after.node.type });
  } else {
    const keys = new Set([...Object.keys(before.params), ...Object.keys(after.params)]);
    for (const key of keys) {
      const from = formatValue(before.params[key]);
      const to = formatValue(after.params[key]);
      if (from !== to) details.push({ field: 'param', key, from, to });
    }
  }
  const frozen = (layer: NamedLayer) => String(layer.node.trainable !== false);
  if (frozen(before) !== frozen(after))
    details.push({ field: 'trainable', from: frozen(before), to: frozen(after) });
  const bypassed = (layer: NamedLayer) => String(layer.node.bypassed === true);
  if (bypassed(before) !== bypassed(after))
    details.push({ field: 'bypassed', from: bypassed(before), to: bypassed(after) });
  // In order (Concatenate's order matters), each old input under the name its layer has now.
  const from = before.inputs.join(', ') || 'none';
  const to = after.inputs.join(', ') || 'none';
  if (before.inputs.map(pairedName).join(', ') !== after.inputs.join(', '))
    details.push({ field: 'inputs', from, to });
  return details;
}

/**
 * The changes from `before` to `after`. Layers pair up by node id where both graphs have it (the
 * editor keeps ids, so a renamed layer is one change, not a removal and an addition), then by name.
 * Changes are named by the newer graph's layer names.
 */
export function diffGraphs(before: Graph, after: Graph): GraphDiff {
  const old = namedLayers(before);
  const now = namedLayers(after);
  const oldById = new Map([...old.values()].map((l) => [l.node.id, l]));
  const pairs = new Map<string, NamedLayer>(); // new name -> old layer
  const taken = new Set<string>();
  for (const layer of now.values()) {
    const same = oldById.get(layer.node.id);
    if (same !== undefined && same.node.type === layer.node.type) {
      pairs.set(layer.name, same);
      taken.add(same.name);
    }
  }
  for (const layer of now.values()) {
    const same = old.get(layer.name);
    if (!pairs.has(layer.name) && same !== undefined && !taken.has(same.name)) {
      pairs.set(layer.name, same);
      taken.add(same.name);
    }
  }
  const newNameOf = new Map([...pairs].map(([name, layer]) => [layer.name, name]));
  const pairedName = (name: string) => newNameOf.get(name) ?? name;
  const added: LayerChange[] = [];
  const changed: LayerChange[] = [];
  for (const layer of now.values()) {
    const previous = pairs.get(layer.name);
    if (previous === undefined) {
      added.push({ kind: 'added', name: layer.name, type: layer.node.type });
      continue;
    }
    const details = layerDetails(previous, layer, pairedName);
    if (details.length > 0)
      changed.push({ kind: 'changed', name: layer.name, type: layer.node.type, details });
  }
  const removed: LayerChange[] = [...old.values()]
    .filter((l) => !taken.has(l.name))
    .map((l) => ({ kind: 'removed', name: l.name, type: l.node.type }));
  return { added, removed, changed };
}

export function detailText(detail: LayerDetail): string {
  switch (detail.field) {
    case 'param':
      return `${detail.key ?? ''} ${detail.from} → ${detail.to}`;
    case 'name':
      return `renamed ${detail.from} → ${detail.to}`;
    default:
      return `${detail.field} ${detail.from} → ${detail.to}`;
  }
}

/** One change in words: "+dropout", "−dense_1", "dense: units 64 → 128, activation relu → tanh". */
export function changeText(change: LayerChange): string {
  if (change.kind !== 'changed') return `${change.kind === 'added' ? '+' : '−'}${change.name}`;
  return `${change.name}: ${change.details.map(detailText).join(', ')}`;
}

/** Every change in words: additions, then removals, then changes. */
export function graphDiffTexts(diff: GraphDiff): string[] {
  return [...diff.added, ...diff.removed, ...diff.changed].map(changeText);
}
