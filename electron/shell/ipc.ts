// The API over Electron IPC: one invoke channel for calls and one send channel for events, plus the
// desktop's file-dialog channel. Every call's sender frame is checked (only the app's own page may
// call), and a call never throws across IPC: it returns `{ result }` or `{ error }` with the same error
// data the WebSocket transport sends.
import type { IpcMainInvokeEvent } from 'electron';
import { ApiError, type ApiErrorData } from '../../engine/api/contract';
import { isDesktopFileMethod, type DesktopFileMethod } from '../../engine/api/desktop-files';
import type { ApiBackend } from '../services/backend';
import { badRequest, toErrorData, type Log } from '../transport/error-data';
import { CALL_CHANNEL, EVENT_CHANNEL, FILES_CHANNEL } from '../transport/ipc-channels';

export type CallReply = { result: unknown } | { error: ApiErrorData };

type CallHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<CallReply>;

export interface IpcMainLike {
  handle(channel: string, listener: CallHandler): void;
  removeHandler(channel: string): void;
}

interface TrustOptions {
  /** True for the app's own page (its file:// URL, or the dev server's URL in development). */
  isTrustedSender(frameUrl: string): boolean;
  readonly log?: Log;
}

export interface IpcOptions extends TrustOptions {
  readonly ipcMain: IpcMainLike;
  readonly backend: ApiBackend;
  /** Checks (and may rewrite) a call's params before the backend sees them; throws ApiError to refuse. */
  checkParams?(method: string, params: unknown): unknown;
  windows(): readonly { readonly webContents: { send(channel: string, payload: unknown): void } }[];
}

const defaultLog: Log = (line) => console.error(line);

/** An invoke handler that refuses other frames and turns whatever `run` throws into error data. */
function trustedHandler(
  channel: string,
  options: TrustOptions,
  run: (event: IpcMainInvokeEvent, method: string, params: unknown) => Promise<unknown>,
): CallHandler {
  const log = options.log ?? defaultLog;
  return async (event, method, params) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!options.isTrustedSender(frameUrl)) {
      log(`refused ${channel} from untrusted frame '${frameUrl}'`);
      return {
        error: badRequest(`calls from '${frameUrl}' are refused: only the Layerwise page may call the API`),
      };
    }
    if (typeof method !== 'string') return { error: badRequest('the method name must be a string') };
    try {
      return { result: await run(event, method, params) };
    } catch (error) {
      return { error: toErrorData(error, method, log) };
    }
  };
}

/** Registers the API on ipcMain; returns the function that removes it again. */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, backend, windows } = options;
  const log = options.log ?? defaultLog;
  ipcMain.handle(
    CALL_CHANNEL,
    trustedHandler(CALL_CHANNEL, options, async (_event, method, params) =>
      backend.handle(method, options.checkParams ? options.checkParams(method, params) : params),
    ),
  );

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

export interface FilesIpcOptions extends TrustOptions {
  readonly ipcMain: IpcMainLike;
  /** Runs a validated-by-name file method for the page that sent it (dialogs are modal to its window). */
  run(event: IpcMainInvokeEvent, method: DesktopFileMethod, params: unknown): Promise<unknown>;
}

/** Registers the desktop's file-dialog channel; returns the function that removes it again. */
export function registerFilesIpc(options: FilesIpcOptions): () => void {
  options.ipcMain.handle(
    FILES_CHANNEL,
    trustedHandler(FILES_CHANNEL, options, async (event, method, params) => {
      if (!isDesktopFileMethod(method)) throw new ApiError(badRequest(`unknown method '${method}'`));
      return options.run(event, method, params);
    }),
  );
  return () => options.ipcMain.removeHandler(FILES_CHANNEL);
}
