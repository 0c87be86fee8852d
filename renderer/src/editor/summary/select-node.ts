// Selection changes that make one node the only selected one, in React Flow's change format, so a
// row picked in the summary selects its layer exactly as a click on the canvas would (edges included).
import type { EdgeChange, NodeChange } from '@xyflow/react';

interface Selectable {
  readonly id: string;
  readonly selected?: boolean;
}

export function selectOnlyNode<N extends Selectable, E extends Selectable>(
  nodes: readonly N[],
  edges: readonly E[],
  id: string,
): { nodes: NodeChange[]; edges: EdgeChange[] } {
  return {
    nodes: nodes
      .filter((n) => (n.id === id) !== Boolean(n.selected))
      .map((n) => ({ type: 'select', id: n.id, selected: n.id === id })),
    edges: edges.filter((e) => e.selected).map((e) => ({ type: 'select', id: e.id, selected: false })),
  };
}

/** The one selected node's id, or null when none or several are selected. */
export function singleSelectedId(nodes: readonly Selectable[]): string | null {
  const selected = nodes.filter((n) => n.selected);
  return selected.length === 1 ? (selected[0]?.id ?? null) : null;
}
