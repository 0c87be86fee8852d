// The window title names the open document and shows when it has unsaved changes, as desktop apps do
// (Electron's window title follows the page's; in a browser it is the tab's).
import { useEffect } from 'react';
import { useEditor } from '../editor/EditorContext';

function documentTitle(name: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${name} — Layerwise`;
}

export function useDocumentTitle(): void {
  const name = useEditor((s) => s.fileName ?? s.modelName);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  useEffect(() => {
    document.title = documentTitle(name, dirty);
  }, [name, dirty]);
}
