// Bypassing layers (Ctrl+B in the editor): a bypassed layer passes its one input through and is left out
// of the plan and the exports. Whether a set of layers may be bypassed is decided by analysing the graph
// with them bypassed, so no layer type is special: a refusal is the model's output changing shape, or the
// first problem the bypass would create, in the engine's own words. Restoring is always allowed.
import { analyzeGraph, type GraphAnalysis, type NodeAnalysis } from './analyze';
import type { Graph } from './graph';
import type { Issue } from './issues';
import { englishMessage, type MessageId, type MessageValues } from './messages';
import { formatShape, sameShape } from './shape';

export type BypassVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** In English; messageId and values translate it. */
      readonly reason: string;
      readonly messageId: MessageId;
      readonly values: MessageValues;
    };

const refuse = (messageId: MessageId, values: MessageValues): BypassVerdict => ({
  ok: false,
  reason: englishMessage(messageId, values),
  messageId,
  values,
});

/** The graph with the given layers bypassed (true) or restored (false); other nodes are unchanged. */
export function withBypassed(graph: Graph, ids: readonly string[], bypassed: boolean): Graph {
  const chosen = new Set(ids);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (!chosen.has(n.id)) return n;
      const { bypassed: _old, ...rest } = n;
      return bypassed ? { ...rest, bypassed: true } : rest;
    }),
  };
}

const issueKey = (i: Issue) => `${i.code}|${i.where.nodeId ?? ''}|${i.message}`;

/** Whether bypassing `ids` (those not bypassed already) leaves the model as valid as it was. */
export function checkBypass(graph: Graph, ids: readonly string[]): BypassVerdict {
  const before = analyzeGraph(graph);
  const targets = ids
    .map((id) => before.byId.get(id))
    .filter((n): n is NodeAnalysis => n !== undefined && !n.bypassed);
  if (targets.length === 0) return { ok: true };
  const layer = targets.map((n) => n.name).join(', ');
  for (const n of targets) {
    if (n.definition?.inputs.max === 0) return refuse('bypass.noInput', { layer: n.name });
    if (n.inputs.length !== 1)
      return refuse('bypass.inputCount', { layer: n.name, connected: n.inputs.length });
  }
  const after = analyzeGraph(
    withBypassed(
      graph,
      targets.map((n) => n.id),
      true,
    ),
  );
  const output = changedOutput(before, after);
  if (output !== undefined) return refuse('bypass.output', { layer, ...output });
  const known = new Set(before.issues.map(issueKey));
  const created = after.issues.find((i) => !known.has(issueKey(i)));
  if (created !== undefined) return refuse('bypass.breaks', { layer, problem: created.message });
  return { ok: true };
}

function changedOutput(
  before: GraphAnalysis,
  after: GraphAnalysis,
): { before: string; after: string } | undefined {
  const shapeOf = (a: GraphAnalysis) =>
    a.outputId === undefined ? undefined : a.byId.get(a.outputId)?.outputShape;
  const [was, now] = [shapeOf(before), shapeOf(after)];
  if (was === undefined || now === undefined || sameShape(was, now)) return undefined;
  return { before: formatShape(was), after: formatShape(now) };
}
