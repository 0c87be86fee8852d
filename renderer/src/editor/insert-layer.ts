// Inserting a layer into the document: after a layer (into its chain when it has one outgoing edge), into
// a given edge, or loose at a point. The new layer is re-routed between the two only when both new
// connections pass the connection check; otherwise it is appended after the anchor (or left loose) and
// nothing that was wired breaks. Placed below its anchor, it pushes the rows under it down so it never
// lands on top of another layer.
import type { XYPosition } from '@xyflow/react';
import { checkConnection } from './connection-check';
import { edgeId, type LayerFlowEdge, type LayerFlowNode } from './flow-types';
import { graphFromFlow } from './graph-document';
import { freshNodeId } from './node-ids';

export const ROW_HEIGHT = 110;
/** A node's footprint for "is this spot free" (nodes are 248px wide and about 72px tall). */
const NODE_BOX = { width: 260, height: 90 };

export interface InsertRequest {
  readonly type: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** The layer to insert after. */
  readonly after?: string;
  /** Put the new layer on this edge instead: source -> new -> target. */
  readonly edge?: { readonly source: string; readonly target: string };
  /** Where to put it; below the anchor (making room) when absent. */
  readonly position?: XYPosition;
  /** Prefer the free row just above the edge's target (a fix for a connection drawn to a far layer). */
  readonly nearTarget?: boolean;
}

export interface InsertResult {
  readonly id: string;
  readonly nodes: LayerFlowNode[];
  readonly edges: LayerFlowEdge[];
}

const link = (source: string, target: string): LayerFlowEdge => ({
  id: edgeId(source, target),
  source,
  target,
  type: 'shape',
});

export function insertLayer(
  doc: { readonly nodes: readonly LayerFlowNode[]; readonly edges: readonly LayerFlowEdge[] },
  request: InsertRequest,
): InsertResult {
  const id = freshNodeId(request.type, new Set(doc.nodes.map((n) => n.id)));
  const anchorId = request.edge?.source ?? request.after;
  const anchor = doc.nodes.find((n) => n.id === anchorId);
  const below = anchor ? { x: anchor.position.x, y: anchor.position.y + ROW_HEIGHT } : { x: 0, y: 0 };
  const target = doc.nodes.find((n) => n.id === request.edge?.target);
  const above = target && { x: target.position.x, y: target.position.y - ROW_HEIGHT };
  const position =
    (request.position && freeSpot(doc.nodes, request.position)) ??
    (request.nearTarget && above && isFree(doc.nodes, above) ? above : undefined);
  const placed = position === undefined && anchor ? makeRoom(doc.nodes, anchor, below.y) : doc.nodes;
  const node: LayerFlowNode = {
    id,
    type: 'layer',
    position: position ?? (anchor ? below : freeSpot(doc.nodes, below)),
    selected: true,
    data: { type: request.type, params: { ...(request.params ?? {}) } },
  };
  const nodes = [...placed.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
  return { id, nodes, edges: anchor ? wire(nodes, doc.edges, anchor.id, id, request) : [...doc.edges] };
}

function wire(
  nodes: readonly LayerFlowNode[],
  edges: readonly LayerFlowEdge[],
  anchor: string,
  id: string,
  request: InsertRequest,
): LayerFlowEdge[] {
  const outgoing = edges.filter((e) => e.source === anchor);
  const target =
    request.edge?.target ?? (outgoing.length === 1 ? (outgoing[0] as LayerFlowEdge).target : undefined);
  const ok = (es: readonly LayerFlowEdge[], s: string, t: string) =>
    checkConnection(graphFromFlow(nodes, es), s, t, false).ok;
  if (target !== undefined) {
    // An existing edge is re-routed (a fix's edge was refused, so it does not exist yet).
    const old = edges.find((e) => e.source === anchor && e.target === target);
    const without = old ? edges.filter((e) => e !== old) : edges;
    // The new edge takes the old one's place, so a Concatenate keeps its input order.
    const rerouted = old
      ? edges.map((e) => (e === old ? link(id, target) : e))
      : [...edges, link(id, target)];
    if (ok(without, anchor, id) && ok([...without, link(anchor, id)], id, target))
      return [...rerouted, link(anchor, id)];
  }
  if (request.edge) return [...edges]; // dropped on an edge it cannot join: left loose, nothing breaks
  return ok(edges, anchor, id) ? [...edges, link(anchor, id)] : [...edges];
}

/** Moves every layer below the anchor down just enough that a layer at `y` has a free row. */
function makeRoom(
  nodes: readonly LayerFlowNode[],
  anchor: LayerFlowNode,
  y: number,
): readonly LayerFlowNode[] {
  const lower = nodes.filter((n) => n.position.y > anchor.position.y);
  if (lower.length === 0) return nodes;
  const shift = Math.max(0, y + ROW_HEIGHT - Math.min(...lower.map((n) => n.position.y)));
  if (shift === 0) return nodes;
  return nodes.map((n) =>
    n.position.y > anchor.position.y ? { ...n, position: { x: n.position.x, y: n.position.y + shift } } : n,
  );
}

/** The spot itself when free, else the nearest free one below it: a new layer never covers another. */
function freeSpot(nodes: readonly LayerFlowNode[], at: XYPosition): XYPosition {
  let spot = at;
  for (let i = 0; i < nodes.length + 1 && !isFree(nodes, spot); i++)
    spot = { x: spot.x, y: spot.y + NODE_BOX.height };
  return spot;
}

const isFree = (nodes: readonly LayerFlowNode[], at: XYPosition): boolean =>
  !nodes.some(
    (n) => Math.abs(n.position.x - at.x) < NODE_BOX.width && Math.abs(n.position.y - at.y) < NODE_BOX.height,
  );
