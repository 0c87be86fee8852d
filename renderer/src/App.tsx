// The app's root: one editor store (restored from autosave, or the MNIST CNN template on a first run),
// one training store on the API, and the workbench that lays out the panels.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { LayerwiseApi } from '../../engine/api/contract';
import { Workbench } from './app/Workbench';
import { EditorProvider } from './editor/EditorContext';
import { createEditorStore } from './editor/editor-store';
import { readAutosave, startAutosave } from './files/autosave';
import { templateModel } from './files/templates';
import { TrainingProvider } from './training';

function initialEditorStore() {
  const restored = readAutosave();
  const store = createEditorStore(restored?.model ?? templateModel('mnist-cnn'));
  if (restored)
    store.getState().loadModel(restored.model, { fileName: restored.fileName, dirty: restored.dirty });
  return store;
}

export function App({ api }: { api: LayerwiseApi }) {
  const [editor] = useState(initialEditorStore);
  useEffect(() => startAutosave(editor), [editor]);
  return (
    <EditorProvider store={editor}>
      <TrainingProvider api={api}>
        <ReactFlowProvider>
          <Workbench api={api} />
        </ReactFlowProvider>
      </TrainingProvider>
    </EditorProvider>
  );
}
