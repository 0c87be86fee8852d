// Decides whether a new edge may be drawn, and if not, why: self-loops, duplicates and cycles are refused
// outright; otherwise the graph is analysed with the edge added and any new shape or input-count
// problem at the target is the reason (the engine's own message). Reasons carry a message id and values
// (engine/messages.ts) so the UI can translate them, and name the layers as the user sees them. A shape
// refusal also lists the layers that, inserted between the two, would make the connection fit (see
// connection-fixes.ts).
import {
  analyzeGraph,
  englishMessage,
  getLayer,
  type Graph,
  type Issue,
  type MessageId,
  type MessageValues,
} from '../../../engine';
import { connectionFixes, type ConnectionFix } from './connection-fixes';

// Too few inputs is normal while wiring up; too many is checked against the definition below.
const REFUSING_CODES = new Set(['E_CYCLE', 'E_RANK', 'E_SHAPE_MISMATCH', 'E_NON_POSITIVE_SHAPE']);

export type ConnectionVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** In English; translate with messageId and values (renderer/src/i18n/issue-text.ts). */
      readonly reason: string;
      readonly messageId?: MessageId;
      readonly values?: MessageValues;
      readonly fixes?: readonly ConnectionFix[];
    };

const refuse = (messageId: MessageId, values: MessageValues): ConnectionVerdict => ({
  ok: false,
  reason: englishMessage(messageId, values),
  messageId,
  values,
});

const key = (i: Issue) => `${i.code}|${i.where.nodeId ?? ''}|${i.message}`;

export function checkConnection(
  graph: Graph,
  source: string,
  target: string,
  withFixes = true,
): ConnectionVerdict {
  const analysis = analyzeGraph(graph);
  const nameOf = (id: string) => analysis.byId.get(id)?.name ?? id;
  const names = { source: nameOf(source), target: nameOf(target) };
  if (source === target) return refuse('connect.self', { layer: names.source });
  if (graph.edges.some((e) => e.source === source && e.target === target))
    return refuse('connect.duplicate', names);
  const targetNode = graph.nodes.find((n) => n.id === target);
  const max = targetNode ? getLayer(targetNode.type)?.inputs.max : undefined;
  const current = graph.edges.filter((e) => e.target === target);
  if (targetNode && max !== undefined && current.length >= max)
    return max === 0
      ? refuse('connect.noInputs', { ...names, type: targetNode.type })
      : max === 1
        ? refuse('connect.oneInput', { ...names, current: current.map((e) => nameOf(e.source)).join(', ') })
        : refuse('connect.maxInputs', { ...names, max });
  if (reaches(graph, target, source)) return refuse('connect.cycle', names);
  const before = new Set(analysis.issues.map(key));
  const after = analyzeGraph({ nodes: graph.nodes, edges: [...graph.edges, { source, target }] });
  const introduced = after.issues.find(
    (i) => REFUSING_CODES.has(i.code) && !before.has(key(i)) && i.where.nodeId === target,
  );
  if (introduced === undefined) return { ok: true };
  const { message, messageId, values } = introduced;
  const fixes = withFixes
    ? connectionFixes(graph, source, target, (g, s, t) => checkConnection(g, s, t, false).ok)
    : [];
  return {
    ok: false,
    reason: message,
    ...(messageId && { messageId, values: values ?? {} }),
    ...(fixes.length > 0 && { fixes }),
  };
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
