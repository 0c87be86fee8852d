// The browser-side client over a scripted fake WebSocket: URLs, queueing, reconnection with backoff,
// and what happens to pending calls. The same client against a real server is tested in
// electron/transport/api-client.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../engine/api/contract';
import { createApiClient } from './create-api-client';
import { apiSocketUrl, type SocketConstructor, type SocketLike } from './ws-client';

// The browser's WebSocket fits the injectable type.
const _dom: SocketConstructor | undefined = typeof WebSocket === 'undefined' ? undefined : WebSocket;

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  request(index: number) {
    return JSON.parse(this.sent[index] ?? 'null') as { id: number; method: string; params: unknown };
  }
}

const location = { protocol: 'http:', host: '127.0.0.1:4000', search: '?token=abc' };
const last = () => FakeSocket.all.at(-1) as FakeSocket;
const logs: string[] = [];
const client = () =>
  createApiClient({
    WebSocket: FakeSocket,
    location,
    retryMs: { first: 100, max: 400 },
    log: (l) => logs.push(l),
  });

beforeEach(() => {
  FakeSocket.all = [];
  logs.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('apiSocketUrl', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:4000', search: '?token=abc' }, 'ws://127.0.0.1:4000/ws?token=abc'],
    [
      { protocol: 'https:', host: 'example.test', search: '?x=1&token=a%2Bb' },
      'wss://example.test/ws?token=a%2Bb',
    ],
    [{ protocol: 'http:', host: 'localhost:1', search: '' }, null],
  ])('%j -> %s', (loc, url) => expect(apiSocketUrl(loc)).toBe(url));
});

describe('WebSocket client', () => {
  it('queues calls until the socket opens, then matches replies by id', async () => {
    const api = client();
    const first = api.call('app.info', {});
    const second = api.call('training.stop', { sessionId: 's' });
    expect(last().url).toBe('ws://127.0.0.1:4000/ws?token=abc');
    expect(last().sent).toEqual([]);
    last().accept();
    expect([last().request(0).method, last().request(1).method]).toEqual(['app.info', 'training.stop']);
    last().reply({ id: last().request(1).id, result: { state: 'stopped' } });
    last().reply({ id: last().request(0).id, error: { code: 'E_STATE', message: 'nope' } });
    await expect(second).resolves.toEqual({ state: 'stopped' });
    await expect(first).rejects.toEqual(new ApiError({ code: 'E_STATE', message: 'nope' }));
    api.close();
  });

  it('rejects pending calls with an ApiError when the socket closes, and reconnects with backoff', async () => {
    const api = client();
    last().accept();
    const pending = api.call('app.info', {});
    last().drop();
    await expect(pending).rejects.toMatchObject({
      data: { code: 'E_INTERNAL', message: expect.stringContaining("closed before 'app.info' answered") },
    });
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const count = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === count) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
      last().drop();
    }
    expect(delays).toEqual([100, 200, 400, 400]);
    api.close();
  });

  it('connects at once when a call comes while waiting to retry, and resets the backoff on success', async () => {
    const api = client();
    last().drop();
    const count = FakeSocket.all.length;
    const call = api.call('app.info', {});
    expect(FakeSocket.all.length).toBe(count + 1);
    last().accept();
    last().reply({ id: last().request(0).id, result: 'ok' });
    await expect(call).resolves.toBe('ok');
    last().drop();
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all.length).toBe(count + 2);
    api.close();
  });

  it('sends events to every listener, even when one throws', () => {
    const api = client();
    last().accept();
    const good = vi.fn();
    api.onEvent(() => {
      throw new Error('listener bug');
    });
    const off = api.onEvent(good);
    const event = { sessionId: 's', event: { type: 'state', state: 'running' } };
    last().reply({ event });
    off();
    last().reply({ event });
    expect(good).toHaveBeenCalledTimes(1);
    expect(good).toHaveBeenCalledWith(event);
    expect(logs.some((line) => line.includes('listener bug'))).toBe(true);
    api.close();
  });

  it('ignores malformed and unmatched messages', () => {
    const api = client();
    last().accept();
    last().reply('{not json');
    last().reply({ id: 99, result: 1 });
    expect(logs).toHaveLength(2);
    api.close();
  });

  it('close() rejects pending calls and stops reconnecting', async () => {
    const api = client();
    const pending = api.call('app.info', {});
    api.close();
    await expect(pending).rejects.toMatchObject({ data: { message: 'app.info: the API client was closed' } });
    const count = FakeSocket.all.length;
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all.length).toBe(count);
    await expect(api.call('app.info', {})).rejects.toBeInstanceOf(ApiError);
  });

  it('rejects every call with a clear message when the page URL has no token', async () => {
    const api = createApiClient({ WebSocket: FakeSocket, location: { ...location, search: '' } });
    await expect(api.call('app.info', {})).rejects.toMatchObject({
      data: { code: 'E_BAD_REQUEST', message: expect.stringContaining('layerwise serve') },
    });
    expect(FakeSocket.all).toEqual([]);
  });
});
