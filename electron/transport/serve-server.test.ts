// The serve server for real: an HTTP + WebSocket server on a free port with a fake backend, driven by
// `ws` clients and raw HTTP requests (so paths reach the server exactly as written).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as netConnect, createServer as netServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { ApiError, type ApiEvent } from '../../engine/api/contract';
import { appInfo, fakeBackend } from './fake-backend';
import { startServeServer, type ServeServer } from './serve-server';

const root = mkdtempSync(join(tmpdir(), 'layerwise-serve-'));
const staticDir = join(root, 'www');
mkdirSync(join(staticDir, 'assets'), { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Layerwise</title>');
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
writeFileSync(join(staticDir, 'assets', 'style.css'), 'body{}');
writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
symlinkSync(join(root, 'secret.txt'), join(staticDir, 'link.txt'));

const logs: string[] = [];
const backend = fakeBackend({
  'training.status': (params) => {
    const { sessionId } = params as { sessionId: string };
    if (sessionId === 'boom') throw new Error('kaboom');
    throw new ApiError({ code: 'E_NOT_FOUND', message: `no session '${sessionId}'` });
  },
  'training.list': () => [],
});
let server: ServeServer;
beforeAll(async () => {
  server = await startServeServer({ backend, staticDir, log: (line) => logs.push(line) });
});
afterAll(() => server.close());

function open(url = server.wsUrl, origin?: string): Promise<WebSocket> {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

async function ask(ws: WebSocket, text: string): Promise<Record<string, unknown>> {
  const reply = nextMessage(ws);
  ws.send(text);
  return reply;
}

/** The HTTP status an upgrade attempt gets (101 when it is accepted). */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.on('error', () => {});
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', reject);
  });
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('serve server: addresses', () => {
  it('gives a page URL and an API URL on 127.0.0.1 with a long random token', () => {
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.wsUrl).toBe(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  });

  it('listens on 127.0.0.1 only', async () => {
    const others = ['127.0.0.2'];
    for (const list of Object.values(networkInterfaces()))
      for (const address of list ?? [])
        if (address.family === 'IPv4' && !address.internal) others.push(address.address);
    for (const host of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = netConnect({ host, port: server.port }, () => resolve('connected'));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, host).not.toBe('connected');
    }
  });
});

describe('serve server: WebSocket API', () => {
  it('answers a request with its id and result', async () => {
    const ws = await open();
    expect(await ask(ws, JSON.stringify({ id: 7, method: 'app.info', params: {} }))).toEqual({
      id: 7,
      result: appInfo,
    });
    ws.close();
  });

  it('passes a user error through as its data', async () => {
    const ws = await open();
    const reply = await ask(
      ws,
      JSON.stringify({ id: 1, method: 'training.status', params: { sessionId: 'x' } }),
    );
    expect(reply).toEqual({ id: 1, error: { code: 'E_NOT_FOUND', message: "no session 'x'" } });
    ws.close();
  });

  it('hides the stack of an internal error and logs it', async () => {
    const ws = await open();
    const reply = await ask(
      ws,
      JSON.stringify({ id: 2, method: 'training.status', params: { sessionId: 'boom' } }),
    );
    expect(reply).toEqual({
      id: 2,
      error: { code: 'E_INTERNAL', message: 'internal error in training.status: kaboom' },
    });
    expect(JSON.stringify(reply)).not.toContain('serve-server.test');
    expect(logs.some((line) => line.includes('kaboom') && line.includes('serve-server.test'))).toBe(true);
    ws.close();
  });

  it.each([
    ['malformed JSON', '{"id": 3,', -1, /malformed JSON/],
    [
      'JSON nested 100,000 levels deep',
      `{"id": 4, "method": "app.info", "params": ${'['.repeat(100_000)}`,
      -1,
      /malformed JSON: invalid JSON at line 1, column \d+: nested too deeply \(more than 256 levels\)/,
    ],
    ['not an object', '[1, 2]', -1, /bad request envelope/],
    ['no method', '{"id": 4, "params": {}}', 4, /method/],
    ['unknown method', '{"id": 5, "method": "fs.read", "params": {}}', 5, /unknown method 'fs.read'/],
    ['bad params', '{"id": 6, "method": "training.stop", "params": {}}', 6, /training.stop: sessionId/],
  ])('answers %s with an error and keeps the socket open', async (_name, text, id, message) => {
    const ws = await open();
    const reply = await ask(ws, text);
    expect(reply.id).toBe(id);
    expect(reply.error).toMatchObject({ code: 'E_BAD_REQUEST', message: expect.stringMatching(message) });
    expect(await ask(ws, JSON.stringify({ id: 9, method: 'app.info', params: {} }))).toEqual({
      id: 9,
      result: appInfo,
    });
    ws.close();
  });

  it('refuses a message over 8 MB by closing with 1009', async () => {
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send('x'.repeat(8 * 1024 * 1024 + 1));
    expect(await closed).toBe(1009);
  });

  it('broadcasts events to every client', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const event: ApiEvent = { sessionId: 's1', event: { type: 'state', state: 'running' } };
    const received = Promise.all([nextMessage(a), nextMessage(b)]);
    backend.emit(event);
    expect(await received).toEqual([{ event }, { event }]);
    a.close();
    b.close();
  });

  it('skips events for a client that does not read, and keeps sending to the others', async () => {
    const [fast, slow] = await Promise.all([open(), open()]);
    slow.pause();
    let slowCount = 0;
    slow.on('message', (data) => (slowCount += String(data).length > 1000 ? 1 : 0));
    const big: ApiEvent = { sessionId: 's', event: { type: 'failed', message: 'x'.repeat(1 << 20) } };
    const total = 30;
    for (let i = 0; i < total; i += 1) {
      const arrived = nextMessage(fast);
      backend.emit(big);
      await arrived;
    }
    slow.resume();
    // Replies are never skipped and come in order: once this one arrives, every event kept has too.
    const reply = new Promise<void>((resolve) =>
      slow.on('message', (data) => String(data).startsWith('{"id"') && resolve()),
    );
    slow.send(JSON.stringify({ id: 1, method: 'app.info', params: {} }));
    await reply;
    expect(slowCount).toBeGreaterThan(0);
    expect(slowCount).toBeLessThan(total);
    fast.close();
    slow.close();
  });
});

describe('serve server: a client that stops reading its replies', () => {
  it('is closed once its backlog passes the bound, and the other clients are unaffected', async () => {
    const lines: string[] = [];
    const big = 'x'.repeat(256 * 1024);
    const own = await startServeServer({
      backend: fakeBackend({ 'app.info': () => ({ big }) }),
      staticDir,
      log: (line) => lines.push(line),
      replyBacklogBytes: 1 << 20,
    });
    try {
      const [reader, stalled] = await Promise.all([open(own.wsUrl), open(own.wsUrl)]);
      stalled.on('error', () => {}); // its connection is cut: a reset is expected
      stalled.pause();
      const closed = new Promise<number>((resolve) => stalled.once('close', resolve));
      // 300 replies of 256 KB: far more than the kernel's socket buffers and the 1 MB bound together.
      for (let i = 0; i < 300; i += 1)
        stalled.send(JSON.stringify({ id: i, method: 'app.info', params: {} }));
      await vi.waitFor(() => expect(lines.join('\n')).toContain('websocket client that stopped reading'), {
        timeout: 20_000,
        interval: 20,
      });
      const reply = await ask(reader, JSON.stringify({ id: 7, method: 'app.info', params: {} }));
      expect(reply).toEqual({ id: 7, result: { big } });
      stalled.resume();
      expect(await closed).toBe(1006);
      reader.close();
    } finally {
      await own.close();
    }
  }, 30_000);
});

describe('serve server: upgrade checks', () => {
  const base = () => `ws://127.0.0.1:${server.port}`;
  it.each([
    ['the right token', () => server.wsUrl, undefined, 101],
    ['its own page as Origin', () => server.wsUrl, 'own', 101],
    ['localhost as Origin', () => server.wsUrl, 'localhost', 101],
    ['no token', () => `${base()}/ws`, undefined, 401],
    ['a wrong token', () => `${base()}/ws?token=${'A'.repeat(43)}`, undefined, 401],
    ['a token one character short', () => server.wsUrl.slice(0, -1), undefined, 401],
    ['a foreign Origin', () => server.wsUrl, 'http://evil.example', 403],
    ['a foreign port as Origin', () => server.wsUrl, 'http://127.0.0.1:1', 403],
    ['another path', () => server.wsUrl.replace('/ws?', '/api?'), undefined, 404],
  ])('%s gets HTTP %i', async (_name, url, origin, status) => {
    const resolved =
      origin === 'own'
        ? `http://127.0.0.1:${server.port}`
        : origin === 'localhost'
          ? `http://localhost:${server.port}`
          : origin;
    expect(await upgradeStatus(url(), resolved)).toBe(status);
  });
});

describe('serve server: static files', () => {
  it('serves index.html at / with the security headers', async () => {
    const res = await get('/?token=abc');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Layerwise</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        `connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}; object-src 'none'; ` +
        "base-uri 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/style.css', 'text/css; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/link.txt',
    '/assets',
    '/missing.js',
    '/%E0%A4%A',
    '/index.html%00.js',
  ])('answers %s with 404 and nothing from outside', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
  });

  it('refuses other methods and foreign Host headers (DNS rebinding)', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
    expect((await get('/', { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { Host: `localhost:${server.port}` })).status).toBe(200);
  });
});

describe('serve server: close', () => {
  it('closes clients, unsubscribes from events and frees the port', async () => {
    const other = await startServeServer({ backend: fakeBackend(), staticDir, log: () => {} });
    const ws = await open(other.wsUrl);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    const listeners = backend.listenerCount();
    const otherBackend = fakeBackend();
    const third = await startServeServer({ backend: otherBackend, staticDir, log: () => {} });
    expect(otherBackend.listenerCount()).toBe(1);
    await Promise.all([other.close(), third.close()]);
    expect(otherBackend.listenerCount()).toBe(0);
    expect(backend.listenerCount()).toBe(listeners);
    expect(await closed).toBe(1001);
    const probe = netServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(other.port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => probe.close(resolve));
  });

  it('rejects when the port is taken', async () => {
    await expect(startServeServer({ backend, staticDir, port: server.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
