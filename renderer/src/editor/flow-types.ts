// The editor's document as React Flow sees it: one node type ('layer') whose data is the engine's
// GraphNode minus id/position, and plain edges whose order into a node is the input order.
import type { Edge, Node } from '@xyflow/react';

export interface LayerNodeData extends Record<string, unknown> {
  readonly type: string;
  /** A user-chosen Keras name; absent means generated from the type (dense, dense_1, ...). */
  readonly name?: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Present (false) only for a frozen layer: Keras trainable=False. */
  readonly trainable?: false;
  /** Present (true) only for a bypassed layer. */
  readonly bypassed?: true;
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
export type LayerFlowEdge = Edge;

export const edgeId = (source: string, target: string): string => `${source}->${target}`;
