// The one way the renderer gets its API client: inside Electron it wraps the preload's
// window.layerwise; in a plain browser it talks WebSocket to the server that served the page. Tests
// inject the bridge, WebSocket class and location instead of the globals.
import type { ApiClient, LayerwiseBridge } from './api-client';
import { createBridgeClient } from './bridge-client';
import { createWsClient, type LocationLike, type SocketConstructor, type WsClientOptions } from './ws-client';

export interface ApiClientOptions {
  readonly bridge?: LayerwiseBridge;
  readonly WebSocket?: SocketConstructor;
  readonly location?: LocationLike;
  readonly retryMs?: WsClientOptions['retryMs'];
  readonly log?: WsClientOptions['log'];
}

interface BrowserGlobals {
  readonly layerwise?: LayerwiseBridge;
  readonly WebSocket?: SocketConstructor;
  readonly location?: LocationLike;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const globals = globalThis as BrowserGlobals;
  const bridge = options.bridge ?? globals.layerwise;
  if (bridge !== undefined) return createBridgeClient(bridge);
  const WebSocket = options.WebSocket ?? globals.WebSocket;
  const location = options.location ?? globals.location;
  if (WebSocket === undefined || location === undefined)
    throw new Error(
      'createApiClient: neither window.layerwise (Electron) nor WebSocket and location (browser)',
    );
  return createWsClient({ ...options, WebSocket, location });
}
