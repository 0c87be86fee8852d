// Where the editor and training meet: the dashboard follows the open document (its runs only), Save and
// autosave write the whole document (graph, settings, runs, weights), and a loaded document's training
// goes back into the training store. Exporting with weights uses the chosen run's.
import { useEffect, useMemo } from 'react';
import type { ModelFile } from '../../../engine';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { useTrainingStore, useTrainingStoreApi } from '../training';
import { documentFile, loadDocumentTraining, weightsRunId } from './document-training';

export function useTrainingBridge() {
  const editor = useEditorStoreApi();
  const training = useTrainingStoreApi();
  const docId = useEditor((s) => s.docId);
  useEffect(() => training.getState().setModelKey(docId), [training, docId]);
  const hasTrainedWeights = useTrainingStore(
    (s) =>
      s.activeRunId !== null &&
      s.runs[s.activeRunId]?.modelKey === docId &&
      s.weights[s.activeRunId] !== undefined,
  );
  const bridge = useMemo(
    () => ({
      documentFile: () => documentFile(editor, training),
      onLoaded(model: ModelFile, fileName: string | null) {
        const problem = loadDocumentTraining(model, editor.getState().docId, training);
        if (problem !== null)
          editor.getState().notify({ kind: 'error', text: `${fileName ?? model.name}: ${problem}` });
      },
      async trainedWeights(): Promise<ModelFile['weights'] | null> {
        const runId = weightsRunId(editor, training);
        return runId === null ? null : (training.getState().weights[runId] ?? null);
      },
    }),
    [editor, training],
  );
  return { ...bridge, hasTrainedWeights };
}
