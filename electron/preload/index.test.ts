// The preload with electron mocked: what it exposes, and that it filters calls before IPC.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CALL_CHANNEL,
  DOCUMENT_CHANNEL,
  EVENT_CHANNEL,
  FILES_CHANNEL,
  MENU_CHANNEL,
} from '../transport/ipc-channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ result: 'ok' })), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

interface Exposed {
  call(method: unknown, params: unknown): Promise<unknown>;
  onEvent(listener: unknown): () => void;
  onMenuCommand(listener: unknown): () => void;
  files(method: unknown, params: unknown): Promise<unknown>;
  onOpenDocument(listener: unknown): () => void;
}
let exposed: Exposed;

beforeAll(async () => {
  await import('./index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Exposed];
  expect(name).toBe('layerwise');
  exposed = value;
});

describe('preload', () => {
  it('passes on only known menu commands, without the IPC event', () => {
    const listener = vi.fn();
    const unsubscribe = exposed.onMenuCommand(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (...args: unknown[]) => void,
    ];
    expect(channel).toBe(MENU_CHANNEL);
    for (const command of ['save', 'rm -rf', { command: 'save' }, 'train']) forward({ sender: {} }, command);
    expect(listener.mock.calls).toEqual([['save'], ['train']]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(MENU_CHANNEL, forward);
  });

  it('exposes exactly { call, files, onEvent, onMenuCommand, onOpenDocument }, frozen', () => {
    expect(Object.keys(exposed).sort()).toEqual([
      'call',
      'files',
      'onEvent',
      'onMenuCommand',
      'onOpenDocument',
    ]);
    expect(Object.isFrozen(exposed)).toBe(true);
    expect(Object.values(exposed).every((value) => typeof value === 'function')).toBe(true);
  });

  it('sends a known method through invoke', async () => {
    await expect(exposed.call('app.info', {})).resolves.toEqual({ result: 'ok' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL, 'app.info', {});
  });

  it.each(['shell.openExternal', 'toString', '__proto__', 42, undefined])(
    'answers unknown method %j with an error, without invoking',
    async (method) => {
      electron.ipcRenderer.invoke.mockClear();
      await expect(exposed.call(method, {})).resolves.toEqual({
        error: { code: 'E_BAD_REQUEST', message: `unknown method '${String(method)}'` },
      });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('forwards only the payload of events, and unsubscribes the same function', () => {
    const listener = vi.fn();
    const unsubscribe = exposed.onEvent(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (...args: unknown[]) => void,
    ];
    expect(channel).toBe(EVENT_CHANNEL);
    forward({ sender: 'the IPC event must not leak' }, { sessionId: 's' });
    expect(listener).toHaveBeenCalledWith({ sessionId: 's' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, forward);
    expect(() => exposed.onEvent('not a function')).toThrow(TypeError);
  });

  it('sends only desktop file methods on the files channel', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await exposed.files('files.open', {});
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(FILES_CHANNEL, 'files.open', {});
    await expect(exposed.files('app.info', {})).resolves.toEqual({
      error: { code: 'E_BAD_REQUEST', message: "unknown method 'app.info'" },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('tells main it is ready for documents, and passes on only well-formed ones', () => {
    electron.ipcRenderer.invoke.mockClear();
    const listener = vi.fn();
    const unsubscribe = exposed.onOpenDocument(listener);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(FILES_CHANNEL, 'files.ready', {});
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (...args: unknown[]) => void,
    ];
    expect(channel).toBe(DOCUMENT_CHANNEL);
    const document = { documentId: 'd1', name: 'a.layerwise.json', text: '{}' };
    for (const message of [
      { document },
      { error: '/a.json does not exist' },
      { document: { ...document, text: 42 } },
      'junk',
      null,
    ])
      forward({ sender: {} }, message);
    expect(listener.mock.calls).toEqual([[{ document }], [{ error: '/a.json does not exist' }]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(DOCUMENT_CHANNEL, forward);
  });
});
