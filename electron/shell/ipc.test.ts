// The IPC transport with a fake ipcMain that captures the handler, and fake windows.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiEvent } from '../../engine/api/contract';
import { appInfo, fakeBackend } from '../transport/fake-backend';
import { CALL_CHANNEL, EVENT_CHANNEL, FILES_CHANNEL } from '../transport/ipc-channels';
import { registerFilesIpc, registerIpc, type IpcOptions } from './ipc';

// The real ipcMain fits the option's type.
const _real: IpcOptions['ipcMain'] = {} as IpcMain;

const appUrl = 'app://layerwise/index.html';

function setup(checkParams?: IpcOptions['checkParams']) {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipcMain: IpcOptions['ipcMain'] = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const backend = fakeBackend({
    'training.status': (params) => {
      if ((params as { sessionId: string }).sessionId === 'boom') throw new Error('kaboom');
      throw new ApiError({ code: 'E_NOT_FOUND', message: 'no such session' });
    },
  });
  const sent: { window: number; channel: string; payload: unknown }[] = [];
  const windows = [0, 1, 2].map((index) => ({
    webContents: {
      send(channel: string, payload: unknown) {
        if (index === 1) throw new Error('Object has been destroyed');
        sent.push({ window: index, channel, payload });
      },
    },
  }));
  const logs: string[] = [];
  const dispose = registerIpc({
    ipcMain,
    backend,
    isTrustedSender: (url) => url === appUrl,
    ...(checkParams ? { checkParams } : {}),
    windows: () => windows,
    log: (line) => logs.push(line),
  });
  const call = (frameUrl: string | null, ...args: unknown[]) => {
    const handler = handlers.get(CALL_CHANNEL);
    if (handler === undefined) throw new Error('no handler');
    const event = {
      senderFrame: frameUrl === null ? null : { url: frameUrl },
    } as unknown as IpcMainInvokeEvent;
    return handler(event, ...args);
  };
  return { handlers, backend, sent, logs, dispose, call };
}

describe('registerIpc', () => {
  it('checks params before the backend: a refusal is error data, a rewrite is what the backend gets', async () => {
    const { call, backend } = setup((method, params) => {
      if ((params as { dataset?: string }).dataset === '/etc')
        throw new ApiError({ code: 'E_BAD_REQUEST', message: `${method}: dataset '/etc' is refused` });
      return method === 'datasets.images' ? { ...(params as object), dataset: '/data/digits.csv' } : params;
    });
    expect(await call(appUrl, 'datasets.images', { dataset: '/etc' })).toEqual({
      error: { code: 'E_BAD_REQUEST', message: "datasets.images: dataset '/etc' is refused" },
    });
    expect(backend.calls).toEqual([]);
    await call(appUrl, 'datasets.images', { dataset: 'picked:1', split: 'test', indices: [3] });
    expect(backend.calls).toEqual([
      { method: 'datasets.images', params: { dataset: '/data/digits.csv', split: 'test', indices: [3] } },
    ]);
  });

  it('answers a trusted frame with the result', async () => {
    const { call } = setup();
    expect(await call(appUrl, 'app.info', {})).toEqual({ result: appInfo });
  });

  it.each([
    ['another page', 'https://evil.example/'],
    ['a file outside the app', 'file:///tmp/evil.html'],
    ['a destroyed frame', null],
  ])('refuses %s with an error object, without calling the backend', async (_name, url) => {
    const { call, backend, logs } = setup();
    const reply = await call(url, 'app.info', {});
    expect(reply).toEqual({ error: { code: 'E_BAD_REQUEST', message: expect.stringContaining('refused') } });
    expect(backend.calls).toEqual([]);
    expect(logs).toHaveLength(1);
  });

  it.each([
    [
      'a method that is not a string',
      [42, {}],
      { code: 'E_BAD_REQUEST', message: 'the method name must be a string' },
    ],
    ['an unknown method', ['fs.read', {}], { code: 'E_BAD_REQUEST', message: "unknown method 'fs.read'" }],
    [
      'bad params',
      ['training.stop', {}],
      { code: 'E_BAD_REQUEST', message: expect.stringMatching(/^training.stop: sessionId/) },
    ],
    [
      'a user error',
      ['training.status', { sessionId: 'x' }],
      { code: 'E_NOT_FOUND', message: 'no such session' },
    ],
    [
      'a bug',
      ['training.status', { sessionId: 'boom' }],
      { code: 'E_INTERNAL', message: 'internal error in training.status: kaboom' },
    ],
  ])('maps %s to error data and never throws', async (_name, args, error) => {
    const { call } = setup();
    await expect(call(appUrl, ...args)).resolves.toEqual({ error });
  });

  it('logs the stack of a bug but does not send it', async () => {
    const { call, logs } = setup();
    const reply = await call(appUrl, 'training.status', { sessionId: 'boom' });
    expect(JSON.stringify(reply)).not.toContain('ipc.test');
    expect(logs.join('\n')).toContain('ipc.test');
  });

  it('sends events to every window, even when one of them fails', () => {
    const { backend, sent, logs } = setup();
    const event: ApiEvent = { sessionId: 's', event: { type: 'progress', fraction: 0.5, eta_seconds: 3 } };
    backend.emit(event);
    expect(sent).toEqual([
      { window: 0, channel: EVENT_CHANNEL, payload: event },
      { window: 2, channel: EVENT_CHANNEL, payload: event },
    ]);
    expect(logs).toHaveLength(1);
  });

  it('removes the handler and the event subscription when disposed', () => {
    const { handlers, backend, sent, dispose } = setup();
    expect(backend.listenerCount()).toBe(1);
    dispose();
    expect(handlers.has(CALL_CHANNEL)).toBe(false);
    expect(backend.listenerCount()).toBe(0);
    backend.emit({ sessionId: 's', event: { type: 'state', state: 'idle' } });
    expect(sent).toEqual([]);
  });
});

describe('registerFilesIpc', () => {
  function files() {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ran: unknown[][] = [];
    const dispose = registerFilesIpc({
      ipcMain: {
        handle: (channel, listener) => void handlers.set(channel, listener),
        removeHandler: (channel) => void handlers.delete(channel),
      },
      isTrustedSender: (url) => url === appUrl,
      log: () => undefined,
      run: async (_event, method, params) => {
        ran.push([method, params]);
        if (method === 'files.save') throw new ApiError({ code: 'E_FILE', message: '/m.json is a folder' });
        return null;
      },
    });
    const invoke = (url: string, ...args: unknown[]) =>
      handlers.get(FILES_CHANNEL)?.({ senderFrame: { url } } as unknown as IpcMainInvokeEvent, ...args);
    return { handlers, ran, dispose, invoke };
  }

  it('runs known file methods for the app page only', async () => {
    const { invoke, ran } = files();
    expect(await invoke(appUrl, 'files.open', {})).toEqual({ result: null });
    expect(await invoke('https://evil.example/', 'files.open', {})).toEqual({
      error: { code: 'E_BAD_REQUEST', message: expect.stringContaining('refused') },
    });
    expect(await invoke(appUrl, 'fs.writeFile', {})).toEqual({
      error: { code: 'E_BAD_REQUEST', message: "unknown method 'fs.writeFile'" },
    });
    expect(ran).toEqual([['files.open', {}]]);
  });

  it('sends a file problem as error data, and removes its handler when disposed', async () => {
    const { invoke, handlers, dispose } = files();
    expect(await invoke(appUrl, 'files.save', {})).toEqual({
      error: { code: 'E_FILE', message: '/m.json is a folder' },
    });
    dispose();
    expect(handlers.has(FILES_CHANNEL)).toBe(false);
  });
});
