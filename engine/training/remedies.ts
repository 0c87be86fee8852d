// The remedies a diagnosis (./diagnosis.ts) offers, as pure edits: each takes the graph or the training
// form's settings and returns the edited copy, or null when it does not apply (no hidden Dense to follow,
// early stopping already on, an edit whose shapes would not validate). The editor applies a graph edit
// as one undo step; nothing here starts training.
import { analyzeGraph } from '../analyze';
import type { Graph, GraphEdge, GraphNode } from '../graph';
import { snakeCase } from '../layer-names';
import type { RemedyId } from './diagnosis';

/** The training form fields the remedies touch (the renderer's TrainingSettings has them). */
export interface RemedySettings {
  readonly learning_rate: number;
  readonly early_stopping: boolean;
}

export interface GraphRemedy {
  readonly graph: Graph;
  /** Ids of the nodes added, in flow order. */
  readonly added: readonly string[];
  /** The layer the edit anchors to (the Dense followed by Dropout, the Flatten preceded by the block). */
  readonly anchor: string;
}

/** Keras' usual rate after a Dense layer (0.25 is the usual one after convolutions). */
export const DROPOUT_RATE = 0.5;
/** The Conv2D block: 64 filters of 3x3, 'same' padding so small feature maps keep their size, then 2x2 pooling. */
export const CONV_BLOCK = {
  conv: { filters: 64, kernel_size: [3, 3], activation: 'relu', padding: 'same' },
  pool: { pool_size: [2, 2] },
} as const;
/** The vertical spacing between rows of the templates, for placing the new layers. */
const ROW = 132;

export const GRAPH_REMEDIES = ['add_dropout', 'add_conv_block'] as const satisfies readonly RemedyId[];
export const SETTINGS_REMEDIES = [
  'early_stopping',
  'halve_learning_rate',
  'double_learning_rate',
] as const satisfies readonly RemedyId[];
export type GraphRemedyId = (typeof GRAPH_REMEDIES)[number];
export type SettingsRemedyId = (typeof SETTINGS_REMEDIES)[number];

export const isGraphRemedy = (id: RemedyId): id is GraphRemedyId =>
  (GRAPH_REMEDIES as readonly RemedyId[]).includes(id);

export function applyGraphRemedy(id: GraphRemedyId, graph: Graph): GraphRemedy | null {
  return id === 'add_dropout' ? addDropout(graph) : addConvBlock(graph);
}

export function applySettingsRemedy<S extends RemedySettings>(id: SettingsRemedyId, settings: S): S | null {
  switch (id) {
    case 'early_stopping':
      return settings.early_stopping ? null : { ...settings, early_stopping: true };
    case 'halve_learning_rate':
      return { ...settings, learning_rate: settings.learning_rate / 2 };
    case 'double_learning_rate':
      return { ...settings, learning_rate: settings.learning_rate * 2 };
  }
}

// The remedies find their anchors by what layers do (a `units` param on a flat output, a feature map
// becoming flat), not by type names: that knowledge stays in the layer homes (engine/layer-homes.test.ts).
const DROPOUT_TYPE = 'Dropout';

/** The fully connected layer (a `units` param, a flat output) with the most units that is not the
 *  output layer: the seed models' hidden Dense (the first one on a tie). */
export function largestHiddenDense(graph: Graph): string | null {
  const analysis = analyzeGraph(graph);
  let best: { id: string; units: number } | null = null;
  for (const id of analysis.order) {
    const node = analysis.byId.get(id);
    const units = node?.params?.units;
    if (typeof units !== 'number' || node?.outputShape?.length !== 1 || id === analysis.outputId) continue;
    if (node.bypassed) continue; // not in the model that trains
    if (best === null || units > best.units) best = { id, units };
  }
  return best?.id ?? null;
}

/** The layer where a feature map (H, W, C) becomes flat, in a CNN (a layer with `filters` makes
 *  feature maps): the seed CNN's Flatten. Null for an MLP, whose Flatten takes the image itself. */
function flattening(graph: Graph): string | null {
  const analysis = analyzeGraph(graph);
  const convolutional = analysis.nodes.some(
    (n) => typeof n.params?.filters === 'number' && n.outputShape?.length === 3,
  );
  if (!convolutional) return null;
  for (const id of analysis.order) {
    const node = analysis.byId.get(id);
    if (
      node?.bypassed === false &&
      node.inputShapes?.length === 1 &&
      node.inputShapes[0]?.length === 3 &&
      node.outputShape?.length === 1
    )
      return id;
  }
  return null;
}

/** Dropout(0.5) after the largest hidden Dense: every edge leaving the Dense now leaves the Dropout. */
export function addDropout(graph: Graph): GraphRemedy | null {
  const dense = largestHiddenDense(graph);
  if (dense === null) return null;
  const outgoing = graph.edges.filter((e) => e.source === dense);
  const followed = outgoing.length > 0 && outgoing.every((e) => typeOf(graph, e.target) === DROPOUT_TYPE);
  if (followed) return null; // already regularised right there
  const id = freshId(graph, DROPOUT_TYPE);
  const anchor = graph.nodes.find((n) => n.id === dense) as GraphNode;
  const node = place({ id, type: DROPOUT_TYPE, params: { rate: DROPOUT_RATE } }, anchor, 1);
  const nodes = insertAfter(shiftBelow(graph.nodes, anchor, 1), dense, [node]);
  const edges: GraphEdge[] = graph.edges.map((e) =>
    e.source === dense ? { source: id, target: e.target } : e,
  );
  edges.push({ source: dense, target: id });
  return validated({ nodes, edges }, graph, { graph: { nodes, edges }, added: [id], anchor: dense });
}

/** Conv2D(64, 3x3, relu, same) + MaxPooling2D(2x2) just before the Flatten of a CNN. */
export function addConvBlock(graph: Graph): GraphRemedy | null {
  const flattenId = flattening(graph);
  const flatten = graph.nodes.find((n) => n.id === flattenId);
  const incoming = graph.edges.filter((e) => e.target === flatten?.id);
  if (flatten === undefined || incoming.length !== 1) return null;
  const source = (incoming[0] as GraphEdge).source;
  const convId = freshId(graph, 'Conv2D');
  const poolId = freshId(graph, 'MaxPooling2D');
  const at = flatten.position ? { position: flatten.position } : {};
  const conv: GraphNode = { id: convId, type: 'Conv2D', params: { ...CONV_BLOCK.conv }, ...at };
  const pool = place({ id: poolId, type: 'MaxPooling2D', params: { ...CONV_BLOCK.pool } }, flatten, 1);
  // The Flatten and everything from its row down move two rows to make room.
  const shifted = graph.nodes.map((n) =>
    n.position && flatten.position && n.position.y >= flatten.position.y
      ? { ...n, position: { x: n.position.x, y: n.position.y + 2 * ROW } }
      : n,
  );
  const nodes = insertBefore(shifted, flatten.id, [conv, pool]);
  const edges = graph.edges.map((e) =>
    e.target === flatten.id ? { source: poolId, target: flatten.id } : e,
  );
  edges.push({ source, target: convId }, { source: convId, target: poolId });
  const next = { nodes, edges };
  return validated(next, graph, { graph: next, added: [convId, poolId], anchor: flatten.id });
}

const typeOf = (graph: Graph, id: string) => graph.nodes.find((n) => n.id === id)?.type;

/** A readable id (dropout, dropout_1, ...) no node has yet. */
function freshId(graph: Graph, type: string): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const base = snakeCase(type);
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function place(node: GraphNode, anchor: GraphNode, rows: number): GraphNode {
  const p = anchor.position;
  return p ? { ...node, position: { x: p.x, y: p.y + rows * ROW } } : node;
}

/** Moves the nodes below the anchor down by `rows` rows. */
function shiftBelow(nodes: readonly GraphNode[], anchor: GraphNode, rows: number): GraphNode[] {
  const y = anchor.position?.y;
  return nodes.map((n) =>
    y !== undefined && n.position && n.position.y > y
      ? { ...n, position: { x: n.position.x, y: n.position.y + rows * ROW } }
      : n,
  );
}

function insertAfter(nodes: GraphNode[], id: string, added: GraphNode[]): GraphNode[] {
  const i = nodes.findIndex((n) => n.id === id);
  return [...nodes.slice(0, i + 1), ...added, ...nodes.slice(i + 1)];
}

function insertBefore(nodes: GraphNode[], id: string, added: GraphNode[]): GraphNode[] {
  const i = nodes.findIndex((n) => n.id === id);
  return [...nodes.slice(0, i), ...added, ...nodes.slice(i)];
}

/** The remedy, unless the edit brings a problem the graph did not have (e.g. a map too small to pool). */
function validated(next: Graph, before: Graph, remedy: GraphRemedy): GraphRemedy | null {
  return analyzeGraph(next).issues.length > analyzeGraph(before).issues.length ? null : remedy;
}
