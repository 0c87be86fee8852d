// Validates a graph and infers every node's shapes and parameter counts in one pass. It collects every
// problem (never stops at the first) and is fast enough to rerun on each edit in the editor. Messages
// come from engine/messages.ts and name layers as the user sees them (their Keras names), never by id.
import type { AnyLayerDefinition, ResolvedParams, WeightSpec } from './define-layer';
import type { Graph, GraphNode } from './graph';
import { LayerShapeError, messageIssue, type Issue } from './issues';
import { assignLayerNames } from './layer-names';
import { getLayer, resolveParams } from './registry';
import { formatDims, shapeSize, type Shape } from './shape';

export interface NodeAnalysis {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly definition: AnyLayerDefinition | undefined;
  /** Validated params with defaults; undefined when the type is unknown or a param is invalid. */
  readonly params: ResolvedParams | undefined;
  /** Source node ids in edge order. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputShapes: readonly Shape[] | undefined;
  readonly outputShape: Shape | undefined;
  /** false when the node is frozen (Keras `trainable = False`): every weight is then non-trainable. */
  readonly trainable: boolean;
  readonly weights: readonly WeightSpec[];
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** Passes its one input through: its output shape is its input's, it has no weights, no plan node. */
  readonly bypassed: boolean;
}

export interface GraphAnalysis {
  readonly issues: readonly Issue[];
  /** In the graph's node order (first node of a duplicated id only). */
  readonly nodes: readonly NodeAnalysis[];
  readonly byId: ReadonlyMap<string, NodeAnalysis>;
  /** Topological order of the nodes not caught in a cycle. */
  readonly order: readonly string[];
  readonly inputId: string | undefined;
  readonly outputId: string | undefined;
}

type NameOf = (id: string) => string;

interface MutableNode {
  node: GraphNode;
  definition: AnyLayerDefinition | undefined;
  params: ResolvedParams | undefined;
  inputs: string[];
  outputs: string[];
  inputShapes: Shape[] | undefined;
  outputShape: Shape | undefined;
  weights: WeightSpec[];
  inputCountOk: boolean;
}

export function analyzeGraph(graph: Graph): GraphAnalysis {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const { names, issues: nameIssues } = assignLayerNames(
    graph.nodes.filter((n) => !seen.has(n.id) && seen.add(n.id)),
  );
  const nameOf: NameOf = (id) => names.get(id) ?? id;
  const nodes = indexNodes(graph, issues, nameOf);
  connectEdges(graph, nodes, issues, nameOf);
  checkInputCounts(nodes, issues, nameOf);
  const { inputId, outputId } = findEnds(nodes, issues, nameOf);
  const order = topologicalOrder(nodes, issues, nameOf);
  for (const id of order) inferNode(id, nodes, issues, nameOf);
  issues.push(...nameIssues);

  const analyzed = [...nodes.values()].map((m): NodeAnalysis => {
    const counts = countParams(m.weights);
    return {
      id: m.node.id,
      name: names.get(m.node.id) ?? m.node.id,
      type: m.node.type,
      definition: m.definition,
      params: m.params,
      inputs: m.inputs,
      outputs: m.outputs,
      inputShapes: m.inputShapes,
      outputShape: m.outputShape,
      trainable: m.node.trainable !== false,
      weights: m.weights,
      ...counts,
      bypassed: m.node.bypassed === true,
    };
  });
  return {
    issues: inNodeOrder(issues, nodes),
    nodes: analyzed,
    byId: new Map(analyzed.map((n) => [n.id, n])),
    order,
    inputId,
    outputId,
  };
}

/** Graph-wide problems first, then each node's problems together, in the graph's node order. */
function inNodeOrder(issues: Issue[], nodes: Map<string, MutableNode>): Issue[] {
  const rank = new Map([...nodes.keys()].map((id, i) => [id, i + 1]));
  const rankOf = (i: Issue) => (i.where.nodeId === undefined ? 0 : (rank.get(i.where.nodeId) ?? 0));
  return issues
    .map((i, position) => ({ i, position }))
    .sort((a, b) => rankOf(a.i) - rankOf(b.i) || a.position - b.position)
    .map(({ i }) => i);
}

function indexNodes(graph: Graph, issues: Issue[], nameOf: NameOf): Map<string, MutableNode> {
  const nodes = new Map<string, MutableNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      issues.push(
        messageIssue(
          'E_DUPLICATE_ID',
          'graph.duplicateId',
          { id: node.id },
          { nodeId: node.id, field: 'id' },
        ),
      );
      continue;
    }
    const definition = getLayer(node.type);
    const layer = nameOf(node.id);
    let params: ResolvedParams | undefined;
    if (definition === undefined) {
      issues.push(
        messageIssue(
          'E_UNKNOWN_TYPE',
          'graph.unknownType',
          { layer, type: node.type },
          { nodeId: node.id, field: 'type' },
        ),
      );
    } else {
      const resolution = resolveParams(definition, node.params, node.id, layer);
      params = resolution.params;
      issues.push(...resolution.issues);
    }
    nodes.set(node.id, {
      node,
      definition,
      params,
      inputs: [],
      outputs: [],
      inputShapes: undefined,
      outputShape: undefined,
      weights: [],
      inputCountOk: true,
    });
  }
  return nodes;
}

function connectEdges(graph: Graph, nodes: Map<string, MutableNode>, issues: Issue[], nameOf: NameOf): void {
  for (const { source, target } of graph.edges) {
    const from = nodes.get(source);
    const to = nodes.get(target);
    if (from !== undefined && to !== undefined) {
      from.outputs.push(target);
      to.inputs.push(source);
    } else if (from !== undefined) {
      const values = { layer: nameOf(source), target };
      issues.push(messageIssue('E_EDGE_MISSING_NODE', 'graph.edgeToMissing', values, { nodeId: source }));
    } else if (to !== undefined) {
      const values = { layer: nameOf(target), source };
      issues.push(messageIssue('E_EDGE_MISSING_NODE', 'graph.edgeFromMissing', values, { nodeId: target }));
    } else {
      issues.push(messageIssue('E_EDGE_MISSING_NODE', 'graph.edgeBetweenMissing', { source, target }));
    }
  }
}

const nameList = (ids: readonly string[], nameOf: NameOf) => ids.map(nameOf).join(', ');

function checkInputCounts(nodes: Map<string, MutableNode>, issues: Issue[], nameOf: NameOf): void {
  for (const m of nodes.values()) {
    if (m.node.bypassed === true) {
      checkBypassedInputs(m, issues, nameOf);
      continue;
    }
    if (m.definition === undefined) continue;
    const { min, max } = m.definition.inputs;
    const count = m.inputs.length;
    if (count >= min && count <= max) continue;
    m.inputCountOk = false;
    const values = {
      layer: nameOf(m.node.id),
      type: m.definition.type,
      sources: nameList(m.inputs, nameOf),
      connected: count,
    };
    const id =
      max === 0
        ? 'graph.takesNoInputs'
        : count === 0
          ? 'graph.noInput'
          : max === 1
            ? 'graph.oneInput'
            : min === max
              ? 'graph.exactInputs'
              : 'graph.tooFewInputs';
    issues.push(messageIssue('E_INPUT_COUNT', id, { ...values, min, expected: min }, { nodeId: m.node.id }));
  }
}

/** A bypassed layer hands its input on, so it needs exactly one, whatever its type takes. */
function checkBypassedInputs(m: MutableNode, issues: Issue[], nameOf: NameOf): void {
  if (m.inputs.length === 1) return;
  m.inputCountOk = false;
  const values = { layer: nameOf(m.node.id), connected: m.inputs.length };
  issues.push(messageIssue('E_INPUT_COUNT', 'graph.bypassOneInput', values, { nodeId: m.node.id }));
}

/** The layer a bypassed node hands on: following bypassed layers back to the first one that is not. */
export function passedThrough(analysis: GraphAnalysis, id: string): string {
  let current = analysis.byId.get(id);
  while (current?.bypassed === true && current.inputs.length === 1) {
    current = analysis.byId.get(current.inputs[0] as string);
  }
  return current?.id ?? id;
}

function findEnds(
  nodes: Map<string, MutableNode>,
  issues: Issue[],
  nameOf: NameOf,
): { inputId?: string; outputId?: string } {
  const inputs = [...nodes.values()].filter((m) => m.node.type === 'InputLayer').map((m) => m.node.id);
  const sinks = [...nodes.values()].filter((m) => m.outputs.length === 0).map((m) => m.node.id);
  if (inputs.length === 0) {
    issues.push(messageIssue('E_NO_INPUT', 'graph.noInputLayer', {}));
  }
  for (const id of inputs.slice(1)) {
    const values = { layer: nameOf(id), first: nameOf(inputs[0] as string) };
    issues.push(messageIssue('E_MULTIPLE_INPUTS', 'graph.secondInput', values, { nodeId: id }));
  }
  if (sinks.length > 1) {
    for (const id of sinks) {
      const others = nameList(
        sinks.filter((s) => s !== id),
        nameOf,
      );
      const messageId = sinks.length > 2 ? 'graph.manyOutputs' : 'graph.twoOutputs';
      issues.push(
        messageIssue('E_MULTIPLE_OUTPUTS', messageId, { layer: nameOf(id), others }, { nodeId: id }),
      );
    }
  }
  return { inputId: inputs[0], outputId: sinks.length === 1 ? sinks[0] : undefined };
}

/** Kahn's algorithm; nodes left over sit on (or behind) a cycle, each of which is reported once per node. */
function topologicalOrder(nodes: Map<string, MutableNode>, issues: Issue[], nameOf: NameOf): string[] {
  const pending = new Map<string, number>();
  const ready: string[] = [];
  for (const [id, m] of nodes) {
    pending.set(id, m.inputs.length);
    if (m.inputs.length === 0) ready.push(id);
  }
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string;
    order.push(id);
    for (const next of nodes.get(id)?.outputs ?? []) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length < nodes.size) reportCycles(nodes, new Set(order), issues, nameOf);
  return order;
}

function reportCycles(
  nodes: Map<string, MutableNode>,
  acyclic: Set<string>,
  issues: Issue[],
  nameOf: NameOf,
): void {
  // Trim nodes that only lead out of the tangle; what is left lies on cycles.
  const remaining = new Set([...nodes.keys()].filter((id) => !acyclic.has(id)));
  for (let changed = true; changed;) {
    changed = false;
    for (const id of remaining) {
      if (!nodes.get(id)?.outputs.some((o) => remaining.has(o))) {
        remaining.delete(id);
        changed = true;
      }
    }
  }
  for (const id of remaining) {
    const values = { layer: nameOf(id), path: cyclePath(id, nodes, remaining, nameOf) };
    issues.push(messageIssue('E_CYCLE', 'graph.cycle', values, { nodeId: id }));
  }
}

function cyclePath(
  start: string,
  nodes: Map<string, MutableNode>,
  onCycles: Set<string>,
  nameOf: NameOf,
): string {
  const path = [start];
  const seen = new Set(path);
  let current = start;
  for (;;) {
    const next = nodes.get(current)?.outputs.find((o) => onCycles.has(o));
    if (next === undefined) return path.map(nameOf).join(' → ');
    if (seen.has(next)) return [...path.slice(path.indexOf(next)), next].map(nameOf).join(' → ');
    path.push(next);
    seen.add(next);
    current = next;
  }
}

function inferNode(id: string, nodes: Map<string, MutableNode>, issues: Issue[], nameOf: NameOf): void {
  const m = nodes.get(id);
  if (m === undefined || !m.inputCountOk) return;
  const inputShapes: Shape[] = [];
  for (const source of m.inputs) {
    const shape = nodes.get(source)?.outputShape;
    if (shape === undefined) return; // an upstream problem is already reported
    inputShapes.push(shape);
  }
  if (m.node.bypassed === true) {
    m.inputShapes = inputShapes;
    m.outputShape = inputShapes[0];
    return;
  }
  if (m.definition === undefined || m.params === undefined) return;
  try {
    const outputShape = m.definition.outputShape(inputShapes, m.params);
    if (
      !outputShape.every((d) => Number.isSafeInteger(d) && d >= 1) ||
      !Number.isSafeInteger(shapeSize(outputShape))
    ) {
      throw new LayerShapeError('E_NON_POSITIVE_SHAPE', 'graph.invalidOutput', {
        shape: outputShape.join(', '),
      });
    }
    m.inputShapes = inputShapes;
    m.outputShape = outputShape;
    const weights = m.definition.weights?.(inputShapes, m.params) ?? [];
    // Keras' layer.trainable = False moves ALL the layer's weights (BatchNormalization's gamma and beta
    // too) to non_trainable_weights.
    m.weights = m.node.trainable === false ? weights.map((w) => ({ ...w, trainable: false })) : weights;
  } catch (error) {
    if (!(error instanceof LayerShapeError)) throw error;
    // Only here are the layer's name and where its inputs come from known.
    const inputs = inputShapes.map((s, i) => `${nameOf(m.inputs[i] as string)} ${formatDims(s)}`);
    const values = { ...error.values, layer: nameOf(id), inputs: inputs.join(', ') };
    const where = { nodeId: id, ...(error.field === undefined ? {} : { field: error.field }) };
    issues.push(messageIssue(error.code, error.messageId, values, where));
  }
}

function countParams(weights: readonly WeightSpec[]): {
  trainableParams: number;
  nonTrainableParams: number;
} {
  let trainableParams = 0;
  let nonTrainableParams = 0;
  for (const w of weights) {
    if (w.trainable) trainableParams += shapeSize(w.shape);
    else nonTrainableParams += shapeSize(w.shape);
  }
  return { trainableParams, nonTrainableParams };
}
