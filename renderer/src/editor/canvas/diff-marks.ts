// Which layers of the canvas a comparison of two runs marks: added (green) or changed (amber) in the
// newer run's graph, by layer name. One per page, like the canvas: the Runs view sets it while its
// "Show diff on canvas" is on and clears it when the comparison closes; the nodes only read it.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface DiffMark {
  readonly kind: 'added' | 'changed';
  /** Read out with the node: what changed, and against which run. */
  readonly text: string;
}

interface DiffMarksState {
  readonly marks: Readonly<Record<string, DiffMark>>;
}

const NONE: Readonly<Record<string, DiffMark>> = {};
export const diffMarksStore = createStore<DiffMarksState>(() => ({ marks: NONE }));

export const setDiffMarks = (marks: Readonly<Record<string, DiffMark>>): void =>
  diffMarksStore.setState({ marks });
export const clearDiffMarks = (): void => diffMarksStore.setState({ marks: NONE });

export const useDiffMark = (layerName: string): DiffMark | undefined =>
  useStore(diffMarksStore, (s) => s.marks[layerName]);
