// Hands the training panel's Diagnosis section the editor's graph, its one-step edits and undo, so a remedy
// button edits the document (or a training setting) like any other command, and Ctrl+Z takes it back.
import { useMemo } from 'react';
import type { GraphEditTarget } from '../training/diagnosis-target';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { graphFromFlow } from '../editor/graph-document';

export function useGraphEditTarget(): GraphEditTarget {
  const editor = useEditorStoreApi();
  const revision = useEditor((s) => s.revision);
  return useMemo(
    () => ({
      revision,
      getGraph: () => graphFromFlow(editor.getState().nodes, editor.getState().edges),
      applyGraph: (graph, added, external) => editor.getState().applyGraphEdit(graph, added, external),
      applyExternal: (edit) => editor.getState().applyExternalEdit(edit),
      undo: () => editor.getState().undo(),
    }),
    [editor, revision],
  );
}
