// Makes one editor store available to the components below it; useEditor reads it with a narrow
// selector so a component re-renders only when what it shows changes.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EditorStore, EditorStoreApi } from './editor-store';

const EditorContext = createContext<EditorStoreApi | null>(null);

export function EditorProvider({ store, children }: { store: EditorStoreApi; children: ReactNode }) {
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

export function useEditorStoreApi(): EditorStoreApi {
  const store = useContext(EditorContext);
  if (store === null) throw new Error('useEditor must be used inside <EditorProvider>');
  return store;
}

export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
