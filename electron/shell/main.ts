// Electron main process: wires Electron to the app. One secure window loads the renderer from
// app://layerwise/ (app-protocol.ts), every webContents is hardened (harden-contents.ts); the API
// (electron/services, which import no Electron) and the native file dialogs answer it over IPC; files the
// OS opens are queued for the page; the native menu sends it commands. Each piece lives in its own
// module in this folder with its own test; main.test.ts checks the wiring with Electron mocked.
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import type { OpenDocumentMessage } from '../../engine/api/desktop-files';
import { createApiBackend } from '../services/api-backend';
import { TrainingService } from '../services/training/training-service';
// The TypeScript entry, bundled whole: the .mjs wrapper next to it registers tsx, which the app leaves out.
import trainingWorker from '../../worker-native/worker/training-worker.ts?modulePath';
import { DOCUMENT_CHANNEL, MENU_CHANNEL } from '../transport/ipc-channels';
import { APP_ORIGIN, APP_PAGE, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { DesktopDatasets } from './desktop-datasets';
import { DesktopFiles, type Dialogs } from './desktop-files';
import { hardenContents } from './harden-contents';
import { registerFilesIpc, registerIpc } from './ipc';
import { menuTemplate } from './menu-template';
import { documentPathsFromArgv, OpenQueue } from './open-requests';
import { packagedEnvironment, readmePath } from './packaged-paths';
import { RecentDocuments } from './recent-documents';
import { isAllowedRequest } from './request-filter';
import { createMainWindow } from './window-options';
import { restoreWindowState } from './window-state';

// A separate profile (window state, recent files, autosave) for tests or a second setup.
if (process.env.LAYERWISE_USER_DATA) app.setPath('userData', process.env.LAYERWISE_USER_DATA);

// The native addon and the bundled datasets: source-relative paths do not survive bundling and packaging.
const locations = {
  isPackaged: app.isPackaged,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
};
for (const [name, value] of Object.entries(packagedEnvironment(locations))) process.env[name] ??= value;
const training = new TrainingService({ workerEntry: trainingWorker });
const rendererFolder = join(__dirname, '../renderer');
// Before the app is ready: app:// must be a standard, secure scheme for the page's origin, CSP and fetch.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

/** Only the app's own pages may call the API: the built renderer, or the dev server in development. */
function isTrustedSender(frameUrl: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return (
    frameUrl.startsWith(`${APP_ORIGIN}/`) ||
    (!app.isPackaged && devServer !== undefined && frameUrl.startsWith(devServer))
  );
}

// One instance: a file opened from the OS while the app runs goes to the running window.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();

const recent = new RecentDocuments(join(app.getPath('userData'), 'recent-documents.json'), (list) => {
  if (list.length === 0) app.clearRecentDocuments();
  buildMenu();
});
const files = new DesktopFiles({
  defaultFolder: app.getPath('documents'),
  onRecent: (path) => {
    recent.add(path);
    app.addRecentDocument(path); // the dock's and the taskbar jump list's recent files
  },
});
const datasets = new DesktopDatasets();
const opens = new OpenQueue();
for (const path of documentPathsFromArgv(process.argv, process.cwd(), app.isPackaged)) opens.open(path);

/** Reads the file and hands it to the page, or tells the page why it could not be read. */
async function sendDocument(contents: WebContents, path: string): Promise<void> {
  let message: OpenDocumentMessage;
  try {
    message = { document: await files.openPath(path) };
  } catch (error) {
    message = { error: (error as Error).message };
    if ((error as { data?: { code?: string } }).data?.code === 'E_FILE') recent.remove(path);
  }
  if (!contents.isDestroyed()) contents.send(DOCUMENT_CHANNEL, message);
}

function focusMainWindow(): BrowserWindow | undefined {
  const window = BrowserWindow.getAllWindows()[0];
  if (window?.isMinimized()) window.restore();
  window?.focus();
  return window;
}

const dialogsFor = (contents: WebContents): Dialogs => {
  const window = BrowserWindow.fromWebContents(contents);
  return {
    showOpenDialog: (options) =>
      window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options),
    showSaveDialog: (options) =>
      window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options),
  };
};

const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');

function savedWindowState(): unknown {
  try {
    return JSON.parse(readFileSync(windowStateFile(), 'utf8'));
  } catch {
    return undefined; // first start, or a damaged file: restoreWindowState falls back to the default
  }
}

function createWindow(): void {
  const state = restoreWindowState(
    savedWindowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = createMainWindow(
    BrowserWindow,
    join(__dirname, '../preload/index.cjs'),
    state.bounds,
    !app.isPackaged,
  );
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    try {
      writeFileSync(
        windowStateFile(),
        JSON.stringify({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
      );
    } catch {
      // Not remembering the window's place is no reason to stop closing it.
    }
  });
  // Navigation, new windows and links are handled for every webContents (web-contents-created below).
  // Documents wait while the page (re)loads, until it listens again (files.ready).
  window.webContents.on('did-start-loading', () => opens.notReady());
  window.on('closed', () => opens.notReady());
  // The page's beforeunload guard (unsaved changes) would cancel closing silently in Electron: ask.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Close Without Saving', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'The model has unsaved changes.',
      detail: 'Layerwise keeps them as an autosave and restores them the next time it starts.',
    });
    if (choice === 0) event.preventDefault();
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  void window.loadURL(!app.isPackaged && devServer ? devServer : APP_PAGE);
}

function buildMenu(): void {
  if (!app.isReady()) return;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.getName(),
        development: !app.isPackaged,
        recent: recent.list,
        home: app.getPath('home'),
        send: (command) => BrowserWindow.getFocusedWindow()?.webContents.send(MENU_CHANNEL, command),
        openRecent: (path) => {
          focusMainWindow();
          opens.open(path);
        },
        clearRecent: () => recent.clear(),
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: `About ${app.getName()}`,
            message: `${app.getName()} ${app.getVersion()}`,
            detail: ['electron', 'chrome', 'node', 'v8']
              .map((k) => `${k} ${process.versions[k] ?? '?'}`)
              .join('\n'),
          }),
        openDocumentation: () => void shell.openPath(readmePath(locations)),
      }),
    ),
  );
}

// A second start (double-clicking a model file while the app runs) hands its arguments over.
app.on('second-instance', (_event, argv, workingDirectory) => {
  focusMainWindow();
  for (const path of documentPathsFromArgv(argv, workingDirectory, app.isPackaged)) opens.open(path);
});
// macOS opens files through this event, possibly before the app is ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  opens.open(path);
  // With its window closed, a macOS app is still running: open one for the document.
  if (app.isReady() && BrowserWindow.getAllWindows().length === 0) createWindow();
  else focusMainWindow();
});

// Every webContents, the window's and any other, is hardened as it is created.
app.on('web-contents-created', (_event, contents) =>
  hardenContents(contents, {
    openExternal: (url) => void shell.openExternal(url),
    confirmExternal: async (url) => {
      const window = BrowserWindow.getFocusedWindow();
      const options = {
        type: 'question' as const,
        buttons: ['Open in Browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'Open this link in your browser?',
        detail: url,
      };
      const { response } = await (window
        ? dialog.showMessageBox(window, options)
        : dialog.showMessageBox(options));
      return response === 0;
    },
    log: (line) => console.error(line),
  }),
);

void app.whenReady().then(() => {
  if (!primaryInstance) return;
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererFolder));
  // The app needs no camera, microphone, notifications or other permission: refuse every request.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  session.defaultSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, devServer) }),
  );
  registerIpc({
    ipcMain,
    backend: createApiBackend(training),
    checkParams: (method, params) => datasets.check(method, params),
    isTrustedSender,
    windows: () => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()),
  });
  registerFilesIpc({
    ipcMain,
    isTrustedSender,
    run: (event, method, params) => {
      if (method === 'files.ready') {
        opens.ready((path) => void sendDocument(event.sender, path));
        return Promise.resolve(null);
      }
      return files.handle(method, params, dialogsFor(event.sender));
    },
  });
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('will-quit', () => void training.disposeAll());

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
