// What the training panel needs from the editor: the model as a file when the graph is valid, else the
// reason it cannot be trained (the first problem, naming its layer). Recomputed only when the graph's
// structure or name changes, never while nodes are dragged.
import { useMemo } from 'react';
import type { ModelFile } from '../../../engine';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';

export interface TrainableModel {
  readonly model: ModelFile | null;
  readonly blockedReason: string | null;
}

export function useTrainableModel(): TrainableModel {
  const store = useEditorStoreApi();
  const analysis = useEditor((s) => s.analysis);
  const modelName = useEditor((s) => s.modelName);
  return useMemo(() => {
    const first = analysis.issues[0];
    if (first !== undefined) {
      const layer = first.where.nodeId ? analysis.byId.get(first.where.nodeId)?.name : undefined;
      return { model: null, blockedReason: layer ? `${layer}: ${first.message}` : first.message };
    }
    if (analysis.nodes.length === 0) return { model: null, blockedReason: 'The model is empty: add layers.' };
    return { model: store.getState().toModelFile(), blockedReason: null };
    // modelName is listed because the model file carries it.
  }, [analysis, modelName, store]);
}
