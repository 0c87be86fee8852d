// The renderer's WebSocket client (renderer/src/api) against a real serve server, with the `ws`
// package's WebSocket class and the page location the server's URL gives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ApiError, type ApiEvent } from '../../engine/api/contract';
import { createApiClient, type ApiClient } from '../../renderer/src/api';
import { appInfo, fakeBackend, type FakeHandlers } from './fake-backend';
import { startServeServer, type ServeServer } from './serve-server';

const staticDir = mkdtempSync(join(tmpdir(), 'layerwise-client-'));
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function connect(handlers: FakeHandlers = {}) {
  const backend = fakeBackend(handlers);
  const server: ServeServer = await startServeServer({ backend, staticDir, log: () => {} });
  cleanup.push(() => server.close());
  const client = (url = server.url): ApiClient => {
    const api = createApiClient({ WebSocket, location: new URL(url), log: () => {} });
    cleanup.push(() => api.close());
    return api;
  };
  return { backend, server, client };
}

describe('renderer API client over a real serve server', () => {
  it('round-trips a call, and passes user errors through as ApiErrors', async () => {
    const { client } = await connect({
      'training.status': () => {
        throw new ApiError({ code: 'E_NOT_FOUND', message: 'no such session' });
      },
    });
    const api = client();
    await expect(api.call('app.info', {})).resolves.toEqual(appInfo);
    const error = await api.call('training.status', { sessionId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).data).toEqual({ code: 'E_NOT_FOUND', message: 'no such session' });
    await expect(api.call('training.stop', {} as { sessionId: string })).rejects.toMatchObject({
      data: { code: 'E_BAD_REQUEST' },
    });
  });

  it('delivers events to the listeners of every client', async () => {
    const { backend, client } = await connect();
    const [a, b] = [client(), client()];
    await Promise.all([a.call('app.info', {}), b.call('app.info', {})]); // both connected
    const event: ApiEvent = {
      sessionId: 's',
      event: {
        type: 'epoch',
        epoch: 1,
        loss: 0.3,
        accuracy: 0.9,
        val_loss: null,
        val_accuracy: null,
        seconds: 2,
      },
    };
    const received = Promise.all([a, b].map((api) => new Promise((resolve) => api.onEvent(resolve))));
    backend.emit(event);
    expect(await received).toEqual([event, event]);
  });

  it('rejects pending calls with a clear ApiError when the server closes', async () => {
    const { backend, server, client } = await connect({ 'training.list': () => new Promise(() => {}) });
    const api = client();
    await api.call('app.info', {});
    const outcome = api.call('training.list', {}).catch((e: unknown) => e);
    while (!backend.calls.some((call) => call.method === 'training.list'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).data.message).toMatch(/closed before 'training.list' answered/);
  });

  it('is refused without the right token', async () => {
    const { server, client } = await connect();
    const api = client(server.url.replace(/token=.*/, 'token=wrong'));
    await expect(api.call('app.info', {})).rejects.toMatchObject({
      data: { message: expect.stringContaining('cannot reach the Layerwise server') },
    });
  });
});
