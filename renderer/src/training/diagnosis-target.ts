// What the Diagnosis section needs from the editor to apply a remedy, without the training panel depending
// on the editor: the document's graph, a way to replace it as one undo step, a way to put a settings change
// into the same undo history, and that undo.
import type { Graph } from '../../../engine';

export interface GraphEditTarget {
  /** Changes whenever the document does, so remedies are re-checked against the current graph. */
  readonly revision: number;
  readonly getGraph: () => Graph;
  /** Applies the edited graph as ONE undo step; `added` are the new layers' ids; `external` (a settings
   *  change made with it) is applied and taken back in that same step. */
  readonly applyGraph: (graph: Graph, added: readonly string[], external?: ExternalChange) => void;
  /** Runs `redo` now and records the pair as one step of the editor's undo history. */
  readonly applyExternal: (edit: ExternalChange) => void;
  /** The editor's own undo (the same step Ctrl+Z takes back). */
  readonly undo: () => void;
}

/** A change outside the graph (a training setting), replayed by the editor's Undo and Redo. */
export interface ExternalChange {
  readonly undo: () => void;
  readonly redo: () => void;
}
