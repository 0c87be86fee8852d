// The API client in a plain browser: one WebSocket to the `layerwise serve` server that opened the page.
// Requests are matched to replies by id; when the socket closes every pending request is rejected with
// an ApiError saying so, and the client reconnects with exponential backoff (at once when a new call
// comes in). Events go to every listener; a throwing listener does not stop the others.
import {
  ApiError,
  type ApiErrorData,
  type ApiEvent,
  type MethodName,
  type MethodParams,
  type MethodResults,
} from '../../../engine/api/contract';
import type { ApiClient } from './api-client';

// A function type compared bivariantly, so both the DOM WebSocket and the `ws` package's class fit.
type Handler<E> = { bivariant(event: E): void }['bivariant'];

/** The part of the WebSocket API the client uses (the browser's, or the `ws` package's in tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onclose: Handler<unknown> | null;
  onerror: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

export interface LocationLike {
  readonly protocol: string;
  readonly host: string;
  readonly search: string;
}

export interface WsClientOptions {
  readonly WebSocket: SocketConstructor;
  /** The page's location: the server's host and, in its query, the token. */
  readonly location: LocationLike;
  /** Reconnection delays: the first, doubled after each failure up to max. */
  readonly retryMs?: { readonly first: number; readonly max: number };
  readonly log?: (line: string) => void;
}

interface Pending {
  readonly method: string;
  readonly text: string;
  sent: boolean;
  resolve(result: unknown): void;
  reject(error: ApiError): void;
}

/** ws(s)://<host>/ws?token=<token>, or null when the page URL carries no token. */
export function apiSocketUrl(location: LocationLike): string | null {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}

export function createWsClient(options: WsClientOptions): ApiClient {
  const url = apiSocketUrl(options.location);
  const retry = options.retryMs ?? { first: 250, max: 10_000 };
  const log = options.log ?? ((line: string) => console.error(line));
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: ApiEvent) => void>();
  let socket: SocketLike | null = null;
  let open = false;
  let closed = false;
  let nextId = 0;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fail = (message: string) => new ApiError({ code: 'E_INTERNAL', message });

  function connect(): void {
    clearTimeout(timer);
    timer = undefined;
    if (closed || url === null || socket !== null) return;
    let current: SocketLike;
    try {
      current = new options.WebSocket(url);
    } catch (error) {
      return rejectAll((entry) => `${entry.method}: cannot open ${url}: ${(error as Error).message}`);
    }
    socket = current;
    current.onopen = () => {
      open = true;
      failures = 0;
      for (const entry of pending.values()) send(entry);
    };
    current.onmessage = (event) => receive(event.data);
    current.onerror = () => {}; // a close event follows; the close handler does the work
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      open = false;
      rejectAll((entry) =>
        entry.sent
          ? `the connection to the Layerwise server closed before '${entry.method}' answered; it reconnects by itself, try again`
          : `cannot reach the Layerwise server for '${entry.method}': is \`layerwise serve\` still running?`,
      );
      if (closed) return;
      const delay = Math.min(retry.max, retry.first * 2 ** failures);
      failures += 1;
      timer = setTimeout(connect, delay);
    };
  }

  function send(entry: Pending): void {
    if (entry.sent || socket === null) return;
    entry.sent = true;
    socket.send(entry.text);
  }

  function rejectAll(message: (entry: Pending) => string): void {
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.reject(fail(message(entry)));
  }

  function receive(data: unknown): void {
    let message: { id?: unknown; result?: unknown; error?: ApiErrorData; event?: ApiEvent };
    try {
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      return log(`layerwise api: ignored a malformed message from the server`);
    }
    if (message.event !== undefined) return dispatch(message.event);
    const entry = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (entry === undefined)
      return log(`layerwise api: reply for no pending request: ${String(data).slice(0, 200)}`);
    pending.delete(message.id as number);
    if (message.error !== undefined) entry.reject(new ApiError(message.error));
    else entry.resolve(message.result);
  }

  function dispatch(event: ApiEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log(`layerwise api: an event listener threw: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }

  connect();

  return {
    call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResults[M]> {
      if (closed) return Promise.reject(fail(`${method}: the API client is closed`));
      if (url === null)
        return Promise.reject(
          new ApiError({
            code: 'E_BAD_REQUEST',
            message: 'this page has no ?token= in its address: open the URL that `layerwise serve` printed',
          }),
        );
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ id, method, params });
      } catch (error) {
        return Promise.reject(
          new ApiError({ code: 'E_BAD_REQUEST', message: `${method}: ${(error as Error).message}` }),
        );
      }
      return new Promise<MethodResults[M]>((resolve, reject) => {
        const entry: Pending = {
          method,
          text,
          sent: false,
          resolve: resolve as (r: unknown) => void,
          reject,
        };
        pending.set(id, entry);
        if (open) send(entry);
        else connect(); // no-op while connecting; skips the backoff wait after a failure
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      rejectAll((entry) => `${entry.method}: the API client was closed`);
      const current = socket;
      socket = null;
      open = false;
      current?.close(1000, 'client closed');
    },
  };
}
