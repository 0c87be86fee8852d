// A ResNet-style graph of any size (Conv2D/BatchNormalization/Activation blocks with residual Adds),
// used to measure shape inference at editor scale.
import type { Graph, GraphEdge, GraphNode } from '../graph';

export function resnetGraph(targetNodes: number): Graph {
  const nodes: GraphNode[] = [{ id: 'input', type: 'InputLayer', params: { shape: [32, 32, 3] } }];
  const edges: GraphEdge[] = [];
  const add = (node: GraphNode, ...sources: string[]) => {
    nodes.push(node);
    for (const source of sources) edges.push({ source, target: node.id });
    return node.id;
  };
  let last = add({ id: 'stem', type: 'Conv2D', params: { filters: 16, padding: 'same' } }, 'input');
  for (let b = 0; nodes.length + 7 + 3 <= targetNodes; b++) {
    const c1 = add(
      { id: `b${b}c1`, type: 'Conv2D', params: { filters: 16, kernel_size: 3, padding: 'same' } },
      last,
    );
    const n1 = add({ id: `b${b}n1`, type: 'BatchNormalization' }, c1);
    const a1 = add({ id: `b${b}a1`, type: 'Activation', params: { activation: 'relu' } }, n1);
    const c2 = add(
      { id: `b${b}c2`, type: 'Conv2D', params: { filters: 16, kernel_size: 3, padding: 'same' } },
      a1,
    );
    const n2 = add({ id: `b${b}n2`, type: 'BatchNormalization' }, c2);
    const sum = add({ id: `b${b}add`, type: 'Add' }, n2, last);
    last = add({ id: `b${b}out`, type: 'Activation', params: { activation: 'relu' } }, sum);
  }
  for (let k = 0; nodes.length < targetNodes - 3; k++) {
    last = add({ id: `pad${k}`, type: 'Activation', params: { activation: 'linear' } }, last);
  }
  const pool = add({ id: 'gap', type: 'GlobalAveragePooling2D' }, last);
  const drop = add({ id: 'drop', type: 'Dropout', params: { rate: 0.2 } }, pool);
  add({ id: 'head', type: 'Dense', params: { units: 10, activation: 'softmax' } }, drop);
  return { nodes, edges };
}

/** The same graph with fresh params objects, so no cached validation can be reused. */
export function withFreshParams(graph: Graph): Graph {
  return {
    nodes: graph.nodes.map((n) => ({ ...n, ...(n.params ? { params: structuredClone(n.params) } : {}) })),
    edges: graph.edges,
  };
}
