// Converts between the engine's model file / graph and React Flow's nodes and edges. Positions live on
// the flow nodes; everything else round-trips unchanged, so save → open is lossless.
import type { Graph, GraphNode, ModelFile } from '../../../engine';
import { edgeId, type LayerFlowEdge, type LayerFlowNode } from './flow-types';

export interface FlowDocument {
  readonly nodes: LayerFlowNode[];
  readonly edges: LayerFlowEdge[];
}

export function flowFromGraph(graph: Graph): FlowDocument {
  const nodes = graph.nodes.map((node, index): LayerFlowNode => ({
    id: node.id,
    type: 'layer',
    position: node.position ? { ...node.position } : { x: 0, y: index * 110 },
    data: {
      type: node.type,
      params: { ...(node.params ?? {}) },
      ...(node.name !== undefined ? { name: node.name } : {}),
      ...(node.trainable === false ? { trainable: false as const } : {}),
      ...(node.bypassed === true ? { bypassed: true as const } : {}),
    },
  }));
  const edges = graph.edges.map((edge): LayerFlowEdge => ({
    id: edgeId(edge.source, edge.target),
    source: edge.source,
    target: edge.target,
    type: 'shape',
  }));
  return { nodes, edges };
}

export function graphFromFlow(nodes: readonly LayerFlowNode[], edges: readonly LayerFlowEdge[]): Graph {
  return {
    nodes: nodes.map((node): GraphNode => {
      const params = node.data.params;
      return {
        id: node.id,
        type: node.data.type,
        ...(node.data.name !== undefined ? { name: node.data.name } : {}),
        ...(Object.keys(params).length > 0 ? { params: { ...params } } : {}),
        position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
        ...(node.data.trainable === false ? { trainable: false } : {}),
        ...(node.data.bypassed === true ? { bypassed: true } : {}),
      };
    }),
    edges: edges.map((edge) => ({ source: edge.source, target: edge.target })),
  };
}

export function modelFileFromFlow(
  name: string,
  flow: FlowDocument,
  training?: Readonly<Record<string, unknown>>,
): ModelFile {
  return {
    format: 'layerwise-model',
    version: 2,
    name,
    graph: graphFromFlow(flow.nodes, flow.edges),
    ...(training !== undefined ? { training } : {}),
  };
}
