// Decides whether a new edge may be drawn, and if not, why: self-loops, duplicates and cycles are refused
// outright; otherwise the graph is analysed with the edge added and any new shape or input-count
// problem at the target is the reason (the engine's own message). A shape refusal also lists the layers
// that, inserted between the two, would make the connection fit (see connection-fixes.ts).
import { analyzeGraph, getLayer, type Graph, type Issue } from '../../../engine';
import { connectionFixes, type ConnectionFix } from './connection-fixes';

// Too few inputs is normal while wiring up; too many is checked against the definition below.
const REFUSING_CODES = new Set(['E_CYCLE', 'E_RANK', 'E_SHAPE_MISMATCH', 'E_NON_POSITIVE_SHAPE']);

export type ConnectionVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly fixes?: readonly ConnectionFix[] };

const key = (i: Issue) => `${i.code}|${i.where.nodeId ?? ''}|${i.message}`;

export function checkConnection(
  graph: Graph,
  source: string,
  target: string,
  withFixes = true,
): ConnectionVerdict {
  if (source === target) return { ok: false, reason: 'A layer cannot feed itself.' };
  if (graph.edges.some((e) => e.source === source && e.target === target))
    return { ok: false, reason: 'These layers are already connected.' };
  const targetNode = graph.nodes.find((n) => n.id === target);
  const max = targetNode ? getLayer(targetNode.type)?.inputs.max : undefined;
  if (targetNode && max !== undefined && graph.edges.filter((e) => e.target === target).length >= max)
    return {
      ok: false,
      reason:
        max === 0
          ? `${targetNode.type} takes no input.`
          : `${targetNode.type} takes ${max === 1 ? 'one input' : `at most ${max} inputs`}: remove its current connection first.`,
    };
  if (reaches(graph, target, source))
    return { ok: false, reason: 'That connection would make a cycle: a model must flow one way.' };
  const before = new Set(analyzeGraph(graph).issues.map(key));
  const after = analyzeGraph({ nodes: graph.nodes, edges: [...graph.edges, { source, target }] });
  const introduced = after.issues.find(
    (i) => REFUSING_CODES.has(i.code) && !before.has(key(i)) && i.where.nodeId === target,
  );
  if (!introduced) return { ok: true };
  const fixes = connectionFixes(graph, source, target, (g, s, t) => checkConnection(g, s, t, false).ok);
  return fixes.length > 0 && withFixes
    ? { ok: false, reason: introduced.message, fixes }
    : { ok: false, reason: introduced.message };
}

/** Whether `to` can be reached from `from` along edges. */
function reaches(graph: Graph, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}
