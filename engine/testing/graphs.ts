// Test helpers: small graphs written as lists of layers.
import type { Graph, GraphNode } from '../graph';

export type LayerSpec = readonly [type: string, params?: Record<string, unknown>];

/** A chain: InputLayer of the given shape, then each layer fed by the previous one (ids n0, n1, ...). */
export function chain(inputShape: readonly number[], ...layers: LayerSpec[]): Graph {
  const nodes: GraphNode[] = [
    { id: 'n0', type: 'InputLayer', params: { shape: inputShape } },
    ...layers.map(([type, params], i) => ({ id: `n${i + 1}`, type, ...(params ? { params } : {}) })),
  ];
  const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i]?.id as string, target: n.id }));
  return { nodes, edges };
}

/** Nodes as [id, type, params?] and edges as "a->b" strings. */
export function graph(
  nodes: readonly (readonly [string, string, Record<string, unknown>?])[],
  edges: readonly string[],
): Graph {
  return {
    nodes: nodes.map(([id, type, params]) => ({ id, type, ...(params ? { params } : {}) })),
    edges: edges.map((e) => {
      const [source = '', target = ''] = e.split('->');
      return { source, target };
    }),
  };
}
