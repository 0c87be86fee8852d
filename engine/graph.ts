// The user's layer graph, as the editor holds it and the model file stores it.

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  /** Raw params as written; omitted ones take the layer's defaults. */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly position?: { readonly x: number; readonly y: number };
  /** Keras-style layer name; generated (conv2d, conv2d_1, ...) when absent. */
  readonly name?: string;
  /** false freezes the layer (Keras `trainable = False`): its weights are not updated and count as
   *  non-trainable. Absent means trainable; files write it only when false. */
  readonly trainable?: boolean;
  /** true bypasses the layer: its input passes through unchanged, it is not compiled or exported.
   *  Absent means not bypassed; files write it only when true. */
  readonly bypassed?: boolean;
}

/** An edge feeds source's output into target; Concatenate orders its inputs by edge order. */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
}

export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
