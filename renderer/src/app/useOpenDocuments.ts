// Opens the model files the OS hands the desktop app (a double-click, a command-line argument, Open
// Recent) like File › Open, asking first when that would discard changes. Subscribing tells main the
// page is ready, so files that arrived during start-up come now.
import { useEffect, useRef } from 'react';
import { desktopBridge } from '../files/desktop-file-host';
import type { DocumentActions } from '../files/document-actions';

export function useOpenDocuments(actions: DocumentActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const bridge = desktopBridge();
    if (bridge?.onOpenDocument === undefined) return undefined;
    return bridge.onOpenDocument((message) => void latest.current.openFromHost(message));
  }, []);
}
