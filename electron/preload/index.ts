// The preload: the only bridge between the sandboxed renderer and the main process. It exposes one
// object, `window.layerwise = { call, onEvent, onMenuCommand }`, never ipcRenderer itself; unknown method
// names are answered here with the same error data the main side sends, without reaching IPC, and only
// known menu command names reach the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMenuCommand } from '../../engine/api/menu-commands';
import { isMethodName } from '../../engine/api/method-names';
import { CALL_CHANNEL, EVENT_CHANNEL, MENU_CHANNEL } from '../transport/ipc-channels';

const layerwise = Object.freeze({
  call(method: string, params: unknown): Promise<unknown> {
    if (!isMethodName(method))
      return Promise.resolve({
        error: { code: 'E_BAD_REQUEST', message: `unknown method '${String(method)}'` },
      });
    return ipcRenderer.invoke(CALL_CHANNEL, method, params);
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
});

contextBridge.exposeInMainWorld('layerwise', layerwise);
