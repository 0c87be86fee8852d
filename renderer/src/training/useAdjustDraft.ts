// The paused run's edits, kept by the controls so that Resume can apply them first (an edit is never
// dropped silently); they are forgotten when another run is on show or once applied.
import { useCallback, useMemo, useState } from 'react';
import type { RunAdjustment } from '../../../engine/api/run-adjustment';
import type { GraphEditTarget } from './diagnosis-target';
import { currentValues, draftChanges, type AdjustableValues, type AdjustDraft } from './run-adjust';
import type { RunRecord } from './run-record';
import { useTrainingStoreApi } from './useTrainingStore';

const NO_EDITS: AdjustDraft = {};

export interface AdjustDraftState {
  readonly current: AdjustableValues;
  readonly draft: AdjustDraft;
  /** What Apply would send; null while nothing differs from the run's current settings. */
  readonly changes: RunAdjustment | null;
  edit(patch: AdjustDraft): void;
  discard(): void;
  /** Sends the changes (if any); true when there were none or the run took them. */
  apply(): Promise<boolean>;
}

/** `run`: the paused run on show, or null (then there is nothing to edit). */
export function useAdjustDraft(
  run: RunRecord | null,
  document: GraphEditTarget | undefined,
): AdjustDraftState | null {
  const store = useTrainingStoreApi();
  const runId = run?.sessionId ?? null;
  const [edits, setEdits] = useState<{ readonly runId: string | null; readonly draft: AdjustDraft }>({
    runId,
    draft: {},
  });
  const draft = edits.runId === runId ? edits.draft : NO_EDITS;
  // A run restored without its graph lists the document's Dropout layers.
  const graph = run === null ? undefined : (run.graph ?? document?.getGraph());
  const current = useMemo(() => (run === null ? null : currentValues(run, graph)), [run, graph]);
  const changes = useMemo(() => (current === null ? null : draftChanges(current, draft)), [current, draft]);
  const edit = useCallback(
    (patch: AdjustDraft) =>
      setEdits((e) => {
        const before = e.runId === runId ? e.draft : NO_EDITS;
        const dropout = patch.dropout ? { ...before.dropout, ...patch.dropout } : before.dropout;
        return { runId, draft: { ...before, ...patch, ...(dropout ? { dropout } : {}) } };
      }),
    [runId],
  );
  const discard = useCallback(() => {
    setEdits({ runId, draft: NO_EDITS });
    store.setState({ adjustError: null });
  }, [runId, store]);
  const apply = useCallback(async () => {
    if (changes === null) return true;
    const ok = await store.getState().adjust(changes, document);
    if (ok) setEdits({ runId, draft: NO_EDITS });
    return ok;
  }, [changes, document, runId, store]);
  return current === null ? null : { current, draft, changes, edit, discard, apply };
}
