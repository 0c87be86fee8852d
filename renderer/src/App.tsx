// The app's root: restores the last document (graph, settings, runs and weights) from the autosave, or
// opens the MNIST CNN template on a first run; then one editor store, one training store on the API,
// and the workbench that lays out the panels.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { LayerwiseApi } from '../../engine/api/contract';
import { loadDocumentTraining } from './app/document-training';
import { Workbench } from './app/Workbench';
import { EditorProvider } from './editor/EditorContext';
import { createEditorStore, type EditorStoreApi } from './editor/editor-store';
import { readAutosave, startAutosave } from './files/autosave';
import { indexedDbAutosave, type AutosaveStorage } from './files/autosave-storage';
import { LookInsideProvider } from './look-inside';
import { templateModel } from './files/templates';
import { createTrainingStore, TrainingProvider, type TrainingStoreApi } from './training';
import { EVENT_BATCH_MS } from './training/TrainingProvider';

interface Session {
  readonly editor: EditorStoreApi;
  readonly training: TrainingStoreApi;
}

async function restoreSession(api: LayerwiseApi, storage: AutosaveStorage): Promise<Session> {
  const restored = await readAutosave(storage);
  const model = restored?.model ?? templateModel('mnist-cnn');
  const editor = createEditorStore(model);
  if (restored)
    editor.getState().loadModel(restored.model, { fileName: restored.fileName, dirty: restored.dirty });
  const training = createTrainingStore(api, { eventBatchMs: EVENT_BATCH_MS });
  loadDocumentTraining(model, editor.getState().docId, training, restored ?? {});
  return { editor, training };
}

export function App({ api, storage: given }: { api: LayerwiseApi; storage?: AutosaveStorage }) {
  const [storage] = useState(() => given ?? indexedDbAutosave());
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    let current = true;
    void restoreSession(api, storage).then((s) => current && setSession(s));
    return () => {
      current = false;
    };
  }, [api, storage]);
  useEffect(
    () => (session ? startAutosave(session.editor, session.training, storage) : undefined),
    [session, storage],
  );
  if (session === null) return null; // IndexedDB answers within a frame or two
  return (
    <EditorProvider store={session.editor}>
      <TrainingProvider api={api} store={session.training}>
        <ReactFlowProvider>
          {/* One look-inside store for the canvas, the inspector and the results (a misclassified image). */}
          <LookInsideProvider>
            <Workbench api={api} />
          </LookInsideProvider>
        </ReactFlowProvider>
      </TrainingProvider>
    </EditorProvider>
  );
}
