// Which layers are simply not wired in yet. An unfinished graph is not an error: a non-input layer with
// no incoming edge, or an extra output when the graph has several (the main one is the output farthest
// from the InputLayer), is "not connected". The input-count, output-count and missing-input issues that
// only such layers cause are then shown calmly instead of as red problems.
import type { Graph } from './graph';
import type { Issue } from './issues';

export interface Connectivity {
  /** Ids of the layers that are not connected yet, in the graph's node order. */
  readonly notConnected: readonly string[];
  /** The output the model would have: the sink farthest from the InputLayer. */
  readonly mainOutput: string | undefined;
  /** Ids of the non-input layers with no incoming edge (a subset of notConnected). */
  readonly unfed: readonly string[];
}

const CALM_CODES = new Set(['E_INPUT_COUNT', 'E_MULTIPLE_OUTPUTS', 'E_NO_INPUT']);

export function findConnectivity(graph: Graph): Connectivity {
  const ids = graph.nodes.map((n) => n.id);
  const known = new Set(ids);
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const { source, target } of graph.edges) {
    if (!known.has(source) || !known.has(target)) continue;
    incoming.set(target, (incoming.get(target) ?? 0) + 1);
    next.get(source)?.push(target);
  }
  const depth = depthsFrom(graph.nodes.find((n) => n.type === 'InputLayer')?.id, next);
  const sinks = ids.filter((id) => (next.get(id) ?? []).length === 0);
  // Farthest from the input wins; a sink the input cannot reach only wins when nothing is reachable.
  let mainOutput: string | undefined;
  for (const id of sinks)
    if (mainOutput === undefined || (depth.get(id) ?? -1) > (depth.get(mainOutput) ?? -1)) mainOutput = id;
  const unfed = graph.nodes
    .filter((n) => n.type !== 'InputLayer' && incoming.get(n.id) === 0)
    .map((n) => n.id);
  const extraOutputs = new Set(sinks.length > 1 ? sinks.filter((id) => id !== mainOutput) : []);
  const notConnected = ids.filter(
    (id, i) => ids.indexOf(id) === i && (unfed.includes(id) || extraOutputs.has(id)),
  );
  return { notConnected, mainOutput, unfed };
}

/** Longest path length from the input to each node it reaches (cycles are walked once). */
function depthsFrom(start: string | undefined, next: ReadonlyMap<string, string[]>): Map<string, number> {
  const depth = new Map<string, number>();
  if (start === undefined) return depth;
  const visit = (id: string, d: number, path: Set<string>) => {
    if (path.has(id) || (depth.get(id) ?? -1) >= d) return;
    depth.set(id, d);
    path.add(id);
    for (const to of next.get(id) ?? []) visit(to, d + 1, path);
    path.delete(id);
  };
  visit(start, 0, new Set());
  return depth;
}

/**
 * Whether an issue only says "not wired in yet": zero inputs on, or an extra output of, a layer that is
 * not connected, or a missing InputLayer while layers are still loose. Everything else is a real problem.
 */
export function isCalmIssue(issue: Issue, connectivity: Connectivity): boolean {
  if (!CALM_CODES.has(issue.code)) return false;
  if (issue.code === 'E_NO_INPUT') return connectivity.notConnected.length > 0;
  if (issue.code === 'E_MULTIPLE_OUTPUTS') return true; // every extra output is loose by definition
  // Only "has no input": a wrong number of inputs on a wired layer is a real problem.
  return issue.where.nodeId !== undefined && connectivity.unfed.includes(issue.where.nodeId);
}

/** The issues that are real problems (red), in their given order. */
export function realIssues(issues: readonly Issue[], connectivity: Connectivity): Issue[] {
  return issues.filter((i) => !isCalmIssue(i, connectivity));
}
