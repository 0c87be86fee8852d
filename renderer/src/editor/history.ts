// Undo/redo as a bounded stack of document snapshots. Snapshots are cheap (the arrays are immutable and
// shared between states), and whole-document snapshots keep every edit, however compound, one step.
export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
}

export const HISTORY_LIMIT = 200;

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [] });

/** Records `current` as undoable before a change; a new change forgets what could be redone. */
export function record<T>(history: History<T>, current: T): History<T> {
  return { past: [...history.past.slice(-(HISTORY_LIMIT - 1)), current], future: [] };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const previous = history.past.at(-1);
  if (previous === undefined) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [current, ...history.future] },
    state: previous,
  };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const next = history.future[0];
  if (next === undefined) return null;
  return { history: { past: [...history.past, current], future: history.future.slice(1) }, state: next };
}
