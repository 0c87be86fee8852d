// Top-to-bottom layered layout with dagre (a small, well-kept Sugiyama implementation): inputs at the
// top, the output at the bottom, branches side by side.
import dagre from '@dagrejs/dagre';
import type { LayerFlowEdge, LayerFlowNode } from './flow-types';

const DEFAULT_SIZE = { width: 220, height: 84 };

export function autoLayout(
  nodes: readonly LayerFlowNode[],
  edges: readonly LayerFlowEdge[],
): LayerFlowNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 48 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes)
    g.setNode(node.id, {
      width: node.measured?.width ?? DEFAULT_SIZE.width,
      height: node.measured?.height ?? DEFAULT_SIZE.height,
    });
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  return nodes.map((node) => {
    const placed = g.node(node.id);
    const width = node.measured?.width ?? DEFAULT_SIZE.width;
    const height = node.measured?.height ?? DEFAULT_SIZE.height;
    return {
      ...node,
      position: { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) },
    };
  });
}
