// The main process with Electron mocked at the module boundary: what it sets up when the app starts
// (session guards, the secure window, IPC), how a model file given by the OS reaches the page, and the
// close prompt, the app:// protocol, the hardening of every webContents and the dataset names the page may
// use. The pure modules it wires together have their own tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, DOCUMENT_CHANNEL, FILES_CHANNEL } from '../transport/ipc-channels';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  class FakeWebContents {
    readonly listeners = new Map<string, Listener[]>();
    readonly sent: { channel: string; payload: unknown }[] = [];
    openHandler: Listener | undefined;
    on = on(this.listeners);
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    }
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler;
    }
    isDestroyed() {
      return false;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  const windows: FakeWindow[] = [];
  class FakeWindow {
    static getAllWindows = () => windows;
    static getFocusedWindow = () => windows[0] ?? null;
    static fromWebContents = () => windows[0] ?? null;
    readonly webContents = new FakeWebContents();
    readonly listeners = new Map<string, Listener[]>();
    readonly loadFile = vi.fn(async () => undefined);
    readonly loadURL = vi.fn(async () => undefined);
    readonly focus = vi.fn();
    on = on(this.listeners);
    once = on(this.listeners);
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
      // Electron announces every new webContents to the app, the window's own included.
      for (const listener of appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
    }
    isMinimized = () => false;
    isDestroyed = () => false;
  }
  const appListeners = new Map<string, Listener[]>();
  const folder = { path: '' };
  const app = {
    isPackaged: true,
    getAppPath: () => '/opt/Layerwise/resources/app.asar',
    getPath: (name: string) => join(folder.path, name),
    getName: () => 'Layerwise',
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => true,
    setPath: vi.fn(),
    quit: vi.fn(),
    isReady: () => true,
    whenReady: () => Promise.resolve(),
    on: on(appListeners),
    addRecentDocument: vi.fn(),
    clearRecentDocuments: vi.fn(),
  };
  const ipcHandlers = new Map<string, Listener>();
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, handler: Listener) => void ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 1 })),
      showMessageBoxSync: vi.fn(() => 0),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => template) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
  };
  return { electron, windows, appListeners, ipcHandlers, folder };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../worker-native/worker/training-worker.ts?modulePath', () => ({ default: '/app/worker.js' }));

const { electron, windows, appListeners, ipcHandlers } = fake;
const flush = () => new Promise((resolve) => setTimeout(resolve, 20));
const saved = { argv: process.argv, env: { ...process.env } };
let folder: string;
let modelPath: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'layerwise-main-'));
  fake.folder.path = folder;
  modelPath = join(folder, 'from-the-os.layerwise.json');
  writeFileSync(modelPath, '{"format":"layerwise-model"}');
  process.argv = ['/opt/Layerwise/layerwise', modelPath];
  delete process.env.LAYERWISE_NATIVE;
  delete process.env.LAYERWISE_DATASETS;
  Object.defineProperty(process, 'resourcesPath', { value: '/opt/Layerwise/resources', configurable: true });
  await import('./main');
  await flush();
});

afterAll(() => {
  process.argv = saved.argv;
  process.env = saved.env;
});

const window = () => {
  const first = windows[0];
  if (first === undefined) throw new Error('no window was created');
  return first;
};
const pageUrl = 'app://layerwise/index.html';
const invoke = (channel: string, frameUrl: string, ...args: unknown[]) =>
  ipcHandlers.get(channel)?.({ senderFrame: { url: frameUrl }, sender: window().webContents }, ...args);
const documentsSent = () =>
  window()
    .webContents.sent.filter((m) => m.channel === DOCUMENT_CHANNEL)
    .map((m) => m.payload as { document?: { name: string; documentId: string }; error?: string });

describe('main process', () => {
  it('points the worker at the unpacked addon and the bundled datasets', () => {
    expect(process.env.LAYERWISE_NATIVE).toBe(
      '/opt/Layerwise/resources/app.asar.unpacked/worker-native/build/Release/layerwise_native.node',
    );
    expect(process.env.LAYERWISE_DATASETS).toBe('/opt/Layerwise/resources/datasets');
  });

  it('refuses every permission and every remote request', () => {
    const { setPermissionRequestHandler, setPermissionCheckHandler, webRequest } =
      electron.session.defaultSession;
    const answer = vi.fn();
    (setPermissionRequestHandler.mock.calls[0]?.[0] as Listener)({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect((setPermissionCheckHandler.mock.calls[0]?.[0] as Listener)()).toBe(false);
    const filter = webRequest.onBeforeRequest.mock.calls[0]?.[0] as Listener;
    const decide = (url: string) => {
      let cancel: unknown;
      filter({ url }, (response: { cancel: boolean }) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('https://cdn.example/x.js')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide(pageUrl)).toBe(false);
  });

  it('opens one sandboxed window without DevTools, loading the built page', () => {
    expect(windows).toHaveLength(1);
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    });
    expect(window().loadURL).toHaveBeenCalledWith('app://layerwise/index.html');
    expect(window().loadFile).not.toHaveBeenCalled();
  });

  it('serves the page from the privileged app:// scheme, refusing paths outside the renderer', async () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] as unknown as [
      string,
      (r: { url: string }) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    for (const url of ['app://layerwise/%2e%2e/%2e%2e/package.json', 'app://layerwise/..%2fmain%2findex.js'])
      expect((await handler({ url })).status).toBe(404);
  });

  it('hardens every webContents: no navigation, frame navigation, redirect or webview', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const attempt = { preventDefault: vi.fn() };
      window().webContents.emit(event, attempt, 'https://evil.example/');
      expect(attempt.preventDefault, event).toHaveBeenCalled();
    }
  });

  it('opens allow-listed https links, asks about others, and refuses other schemes', async () => {
    const open = window().webContents.openHandler as Listener;
    expect(open({ url: 'https://keras.io/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://unknown.example/' })).toEqual({ action: 'deny' }); // the user cancels
    await flush();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      window(),
      expect.objectContaining({ detail: 'https://unknown.example/' }),
    );
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://keras.io/']]);
  });

  it('lets the page name built-in datasets only, never a path on disk', async () => {
    const refused = {
      error: { code: 'E_BAD_REQUEST', message: expect.stringContaining('cannot name a path') },
    };
    expect(
      await invoke(CALL_CHANNEL, pageUrl, 'training.start', { model: {}, run: { dataset: '/etc' } }),
    ).toEqual(refused);
    expect(
      await invoke(CALL_CHANNEL, pageUrl, 'datasets.images', {
        dataset: '/home/u/private.csv',
        split: 'test',
        indices: [0],
      }),
    ).toEqual(refused);
  });

  it('holds the file from its command line until the page listens, then sends it', async () => {
    expect(documentsSent()).toEqual([]);
    expect(await invoke(FILES_CHANNEL, pageUrl, 'files.ready', {})).toEqual({ result: null });
    await flush();
    expect(documentsSent()).toEqual([
      {
        document: {
          documentId: expect.any(String),
          name: 'from-the-os.layerwise.json',
          text: '{"format":"layerwise-model"}',
        },
      },
    ]);
    expect(electron.app.addRecentDocument).toHaveBeenCalledWith(modelPath);
    const menu = electron.Menu.setApplicationMenu.mock.calls.at(-1)?.[0] as { submenu?: unknown }[];
    expect(JSON.stringify(menu)).toContain('from-the-os.layerwise.json');
  });

  it('hands a file opened by a second start to the running window, or says why it cannot', async () => {
    const before = documentsSent().length;
    for (const listener of appListeners.get('second-instance') ?? [])
      listener({}, ['/opt/Layerwise/layerwise', 'missing.layerwise.json'], folder);
    await flush();
    expect(documentsSent().slice(before)).toEqual([
      { error: `${join(folder, 'missing.layerwise.json')} does not exist` },
    ]);
    expect(window().focus).toHaveBeenCalled();
  });

  it('answers the API and the file dialogs only for the app page', async () => {
    expect(ipcHandlers.has(CALL_CHANNEL)).toBe(true);
    expect(await invoke(FILES_CHANNEL, 'https://evil.example/', 'files.ready', {})).toEqual({
      error: { code: 'E_BAD_REQUEST', message: expect.stringContaining('refused') },
    });
  });

  it('asks before closing a window whose page has unsaved changes', () => {
    const leave = { preventDefault: vi.fn() };
    electron.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    window().webContents.emit('will-prevent-unload', leave);
    expect(leave.preventDefault).toHaveBeenCalled(); // "Close Without Saving": let it unload
    const stay = { preventDefault: vi.fn() };
    electron.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    window().webContents.emit('will-prevent-unload', stay);
    expect(stay.preventDefault).not.toHaveBeenCalled();
  });
});
