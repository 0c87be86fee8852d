// The preload: the only bridge between the sandboxed renderer and the main process. It exposes one
// object, `window.layerwise = { call, onEvent, onMenuCommand, files, onOpenDocument }`, never ipcRenderer
// itself; unknown method names are answered here with the same error data the main side sends, without
// reaching IPC, and only known menu commands and well-formed opened documents reach the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isDesktopFileMethod } from '../../engine/api/desktop-files';
import { isMenuCommand } from '../../engine/api/menu-commands';
import { isMethodName } from '../../engine/api/method-names';
import {
  CALL_CHANNEL,
  DOCUMENT_CHANNEL,
  EVENT_CHANNEL,
  FILES_CHANNEL,
  MENU_CHANNEL,
} from '../transport/ipc-channels';

const unknownMethod = (method: unknown) =>
  Promise.resolve({ error: { code: 'E_BAD_REQUEST', message: `unknown method '${String(method)}'` } });

/** What main sends on DOCUMENT_CHANNEL: an opened model file, or why one could not be opened. */
function isOpenedDocumentMessage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { document, error } = value as { document?: Record<string, unknown>; error?: unknown };
  if (typeof error === 'string') return true;
  return (
    typeof document === 'object' &&
    document !== null &&
    ['documentId', 'name', 'text'].every((key) => typeof document[key] === 'string')
  );
}

const layerwise = Object.freeze({
  call(method: string, params: unknown): Promise<unknown> {
    if (!isMethodName(method)) return unknownMethod(method);
    return ipcRenderer.invoke(CALL_CHANNEL, method, params);
  },
  /** Native file dialogs (engine/api/desktop-files.ts). */
  files(method: string, params: unknown): Promise<unknown> {
    if (!isDesktopFileMethod(method)) return unknownMethod(method);
    return ipcRenderer.invoke(FILES_CHANNEL, method, params);
  },
  onEvent(listener: (event: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
  onMenuCommand(listener: (command: string) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand expects a function');
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
  /** Model files the OS or Open Recent opened; subscribing tells main the page is ready for them. */
  onOpenDocument(listener: (message: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onOpenDocument expects a function');
    const forward = (_event: IpcRendererEvent, message: unknown) => {
      if (isOpenedDocumentMessage(message)) listener(message);
    };
    ipcRenderer.on(DOCUMENT_CHANNEL, forward);
    void ipcRenderer.invoke(FILES_CHANNEL, 'files.ready', {});
    return () => void ipcRenderer.removeListener(DOCUMENT_CHANNEL, forward);
  },
});

contextBridge.exposeInMainWorld('layerwise', layerwise);
