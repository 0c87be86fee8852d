// The renderer's door to the main-side services, over Electron IPC or WebSocket alike.
export { createApiClient, type ApiClientOptions } from './create-api-client';
export type { ApiClient, CallReply, LayerwiseBridge } from './api-client';
export type { LocationLike, SocketConstructor, SocketLike } from './ws-client';
