// `layerwise serve`: the API over a WebSocket plus the built renderer over HTTP, on 127.0.0.1 only.
// A fresh random token per run guards the API (the page reads it from its own URL); every upgrade is
// checked before its handshake; events go to every client that keeps up, and are skipped for one that
// does not, and a client whose unread replies pass a bound is closed, so a stalled browser tab cannot
// grow the server's memory without bound.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApiEvent } from '../../engine/api/contract';
import type { ApiBackend } from '../services/backend';
import type { Log } from './error-data';
import { serveStatic } from './static-files';
import { checkUpgrade, isLocalHost } from './upgrade-guard';
import { answerMessage, binaryRefused } from './ws-protocol';

export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** A client with more than this queued is behind: it misses events until it catches up. */
export const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
/**
 * Replies cannot be skipped like events: a client with more than this queued when a reply is due has
 * stopped reading, and is closed so that its backlog cannot grow the server's memory without bound.
 */
export const MAX_REPLY_BACKLOG_BYTES = 64 * 1024 * 1024;
const CLOSE_GRACE_MS = 250;

export interface ServeServerOptions {
  readonly backend: ApiBackend;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The built renderer, e.g. out/renderer. */
  readonly staticDir: string;
  readonly log?: Log;
  /** MAX_REPLY_BACKLOG_BYTES unless given (tests use a small one). */
  readonly replyBacklogBytes?: number;
}

export interface ServeServer {
  /** The page to open: http://127.0.0.1:PORT/?token=TOKEN */
  readonly url: string;
  /** The API: ws://127.0.0.1:PORT/ws?token=TOKEN */
  readonly wsUrl: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const { backend, staticDir } = options;
  const replyBacklog = options.replyBacklogBytes ?? MAX_REPLY_BACKLOG_BYTES;
  const log = options.log ?? ((line: string) => console.error(line));
  const token = randomBytes(32).toString('base64url');
  let port = 0;

  const http = createServer((request, response) => {
    if (!isLocalHost(request.headers.host, port)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden\n');
      return;
    }
    serveStatic(request, response, staticDir, port).catch((error: unknown) => {
      log(`static file error for ${request.url}: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener on upgraded sockets: a reset by the peer must not crash us.
    const onError = (error: Error) => log(`websocket upgrade socket error: ${error.message}`);
    socket.on('error', onError);
    const verdict = checkUpgrade(request, token, port);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    socket.off('error', onError); // ws watches the socket from here on
    wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
  });

  wss.on('connection', (client: WebSocket) => {
    client.on('error', (error) => log(`websocket client error: ${error.message}`));
    client.on('message', (data: RawData, isBinary: boolean) => {
      const reply = isBinary ? Promise.resolve(binaryRefused()) : answerMessage(backend, rawText(data), log);
      void reply.then((text) => {
        if (client.readyState !== WebSocket.OPEN) return;
        if (client.bufferedAmount > replyBacklog) {
          log(`closing a websocket client that stopped reading (${client.bufferedAmount} bytes queued)`);
          client.terminate(); // a close handshake would wait on the very client that does not read
          return;
        }
        client.send(text);
      });
    });
  });

  const unsubscribe = backend.onEvent((event: ApiEvent) => {
    const message = JSON.stringify({ event });
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN && client.bufferedAmount <= SLOW_CLIENT_BYTES)
        client.send(message);
    }
  });

  try {
    port = await listen(http, options.port ?? 0);
  } catch (error) {
    unsubscribe();
    wss.close();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    wsUrl: `ws://127.0.0.1:${port}/ws?token=${token}`,
    port,
    token,
    close: () => (closing ??= shutDown(http, wss, unsubscribe)),
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  const body = `${text}: ${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function listen(http: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve((http.address() as AddressInfo).port);
    });
  });
}

async function shutDown(
  http: ReturnType<typeof createServer>,
  wss: WebSocketServer,
  unsubscribe: () => void,
): Promise<void> {
  unsubscribe();
  const clients = [...wss.clients];
  const closed = clients.map((client) => new Promise((resolve) => client.once('close', resolve)));
  for (const client of clients) client.close(1001, 'server shutting down');
  const grace = setTimeout(() => clients.forEach((client) => client.terminate()), CLOSE_GRACE_MS);
  await Promise.all(closed);
  clearTimeout(grace);
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  http.closeAllConnections();
  await new Promise<void>((resolve, reject) => http.close((error) => (error ? reject(error) : resolve())));
}
