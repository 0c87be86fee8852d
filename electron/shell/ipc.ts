// The API over Electron IPC: one invoke channel for calls and one send channel for events. Every call's
// sender frame is checked (only the app's own page may call), and a call never throws across IPC: it
// returns `{ result }` or `{ error }` with the same error data the WebSocket transport sends.
import type { IpcMainInvokeEvent } from 'electron';
import type { ApiErrorData } from '../../engine/api/contract';
import type { ApiBackend } from '../services/backend';
import { badRequest, toErrorData, type Log } from '../transport/error-data';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../transport/ipc-channels';

export type CallReply = { result: unknown } | { error: ApiErrorData };

type CallHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<CallReply>;

export interface IpcOptions {
  readonly ipcMain: {
    handle(channel: string, listener: CallHandler): void;
    removeHandler(channel: string): void;
  };
  readonly backend: ApiBackend;
  /** True for the app's own page (its file:// URL, or the dev server's URL in development). */
  isTrustedSender(frameUrl: string): boolean;
  windows(): readonly { readonly webContents: { send(channel: string, payload: unknown): void } }[];
  readonly log?: Log;
}

/** Registers the API on ipcMain; returns the function that removes it again. */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, backend, isTrustedSender, windows } = options;
  const log = options.log ?? ((line: string) => console.error(line));

  const handler: CallHandler = async (event, method, params) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedSender(frameUrl)) {
      log(`refused ${CALL_CHANNEL} from untrusted frame '${frameUrl}'`);
      return {
        error: badRequest(`calls from '${frameUrl}' are refused: only the Layerwise page may call the API`),
      };
    }
    if (typeof method !== 'string') return { error: badRequest('the method name must be a string') };
    try {
      return { result: await backend.handle(method, params) };
    } catch (error) {
      return { error: toErrorData(error, method, log) };
    }
  };
  ipcMain.handle(CALL_CHANNEL, handler);

  const unsubscribe = backend.onEvent((event) => {
    for (const window of windows()) {
      try {
        window.webContents.send(EVENT_CHANNEL, event);
      } catch (error) {
        // A window closing while the event is sent: the others still get it.
        log(`could not send an event to a window: ${(error as Error).message}`);
      }
    }
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
