// The client types the renderer works with: the typed API plus close(), and the shape of the object the
// Electron preload exposes as `window.layerwise` (its replies are `{ result }` or `{ error }` data).
import type { ApiErrorData, ApiEvent, LayerwiseApi } from '../../../engine/api/contract';
import type { DesktopFileMethod, OpenDocumentMessage } from '../../../engine/api/desktop-files';

export interface ApiClient extends LayerwiseApi {
  /** Stops the client: pending calls are rejected and no reconnection is attempted. */
  close(): void;
}

export type CallReply = { readonly result: unknown } | { readonly error: ApiErrorData };

/** What electron/preload exposes as window.layerwise. */
export interface LayerwiseBridge {
  call(method: string, params: unknown): Promise<CallReply>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Desktop only: the native menu's commands. */
  onMenuCommand?(listener: (command: string) => void): () => void;
  /** Desktop only: native file dialogs (engine/api/desktop-files.ts). */
  files?(method: DesktopFileMethod, params: unknown): Promise<CallReply>;
  /** Desktop only: model files the OS or Open Recent opened. */
  onOpenDocument?(listener: (message: OpenDocumentMessage) => void): () => void;
}
