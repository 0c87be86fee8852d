// The API client inside Electron: a thin typed wrapper over the preload's window.layerwise that turns
// `{ error }` replies into rejected ApiErrors, the same as over WebSocket.
import {
  ApiError,
  type MethodName,
  type MethodParams,
  type MethodResults,
} from '../../../engine/api/contract';
import type { ApiClient, LayerwiseBridge } from './api-client';

export function createBridgeClient(bridge: LayerwiseBridge): ApiClient {
  return {
    async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResults[M]> {
      let reply;
      try {
        reply = await bridge.call(method, params);
      } catch (error) {
        throw new ApiError({ code: 'E_INTERNAL', message: `${method}: ${(error as Error).message}` });
      }
      if ('error' in reply) throw new ApiError(reply.error);
      return reply.result as MethodResults[M];
    },
    onEvent: (listener) => bridge.onEvent(listener),
    close() {},
  };
}
