// The Electron-side client over a fake window.layerwise bridge.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiEvent } from '../../../engine/api/contract';
import type { LayerwiseBridge } from './api-client';
import { createApiClient } from './create-api-client';

function fakeBridge(reply: LayerwiseBridge['call']): LayerwiseBridge & { emit(event: ApiEvent): void } {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    call: reply,
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),
  };
}

afterEach(() => {
  delete (globalThis as { layerwise?: unknown }).layerwise;
});

describe('createApiClient in Electron', () => {
  it('uses window.layerwise when the preload exposed it, and returns results', async () => {
    const call = vi.fn(async () => ({ result: { version: '1', platform: 'linux', threads: 2 } }));
    (globalThis as { layerwise?: unknown }).layerwise = fakeBridge(call);
    const api = createApiClient();
    await expect(api.call('app.info', {})).resolves.toEqual({ version: '1', platform: 'linux', threads: 2 });
    expect(call).toHaveBeenCalledWith('app.info', {});
  });

  it('turns an error reply into a rejected ApiError with the same data', async () => {
    const data = { code: 'E_NOT_FOUND', message: "no session 'x'" } as const;
    const api = createApiClient({ bridge: fakeBridge(async () => ({ error: data })) });
    const error = await api.call('training.status', { sessionId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).data).toEqual(data);
  });

  it('turns a failing bridge into an E_INTERNAL ApiError', async () => {
    const api = createApiClient({ bridge: fakeBridge(() => Promise.reject(new Error('bridge gone'))) });
    await expect(api.call('app.info', {})).rejects.toMatchObject({
      data: { code: 'E_INTERNAL', message: 'app.info: bridge gone' },
    });
  });

  it('passes events through and unsubscribes', () => {
    const bridge = fakeBridge(async () => ({ result: null }));
    const api = createApiClient({ bridge });
    const listener = vi.fn();
    const off = api.onEvent(listener);
    const event: ApiEvent = { sessionId: 's', event: { type: 'state', state: 'paused' } };
    bridge.emit(event);
    off();
    bridge.emit(event);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(event);
  });
});
