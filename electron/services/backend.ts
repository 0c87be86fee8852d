// What a transport (Electron IPC, WebSocket, or a test) needs from the main-side services: one call
// entry point that validates and runs a method, and the event stream. Transports know nothing else.
import type { ApiEvent } from '../../engine/api/contract';

export interface ApiBackend {
  /** Validates params against the contract and runs the method; rejects with ApiError for user errors. */
  handle(method: string, params: unknown): Promise<unknown>;
  /** Subscribes to events for every client; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
