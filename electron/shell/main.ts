// Electron main process: one secure window that loads the renderer. The services it will host live in
// electron/services and do not import electron.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { createApiBackend } from '../services/api-backend';
import { TrainingService } from '../services/training/training-service';
import trainingWorker from '../services/training/training-worker?modulePath';
import { MENU_CHANNEL } from '../transport/ipc-channels';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu-template';
import { createMainWindow } from './window-options';
import { restoreWindowState } from './window-state';

// The bundled worker and the native addon: source-relative paths do not survive bundling.
process.env.LAYERWISE_NATIVE ??= join(
  app.getAppPath(),
  'worker-native/build/Release/layerwise_native.node',
).replace('app.asar', 'app.asar.unpacked');
const training = new TrainingService({ workerEntry: trainingWorker });
const rendererUrl = pathToFileURL(join(__dirname, '../renderer/')).href;

/** Only the app's own pages may call the API: the built renderer, or the dev server in development. */
function isTrustedSender(frameUrl: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return (
    frameUrl.startsWith(rendererUrl) ||
    (!app.isPackaged && devServer !== undefined && frameUrl.startsWith(devServer))
  );
}

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
  const window = createMainWindow(BrowserWindow, join(__dirname, '../preload/index.cjs'), state.bounds);
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
  // Never navigate away from the app or open windows inside it.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Only web links leave the app, in the user's browser; no file:, custom-protocol or other URLs.
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
    return { action: 'deny' };
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServer) void window.loadURL(devServer);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
}

void app.whenReady().then(() => {
  // The app needs no camera, microphone, notifications or other permission: refuse every request.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  registerIpc({
    ipcMain,
    backend: createApiBackend(training),
    isTrustedSender,
    windows: () => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.getName(),
        development: !app.isPackaged,
        send: (command) => BrowserWindow.getFocusedWindow()?.webContents.send(MENU_CHANNEL, command),
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: `About ${app.getName()}`,
            message: `${app.getName()} ${app.getVersion()}`,
            detail: ['electron', 'chrome', 'node', 'v8']
              .map((k) => `${k} ${process.versions[k] ?? '?'}`)
              .join('\n'),
          }),
        openDocumentation: () => void shell.openPath(join(app.getAppPath(), 'README.md')),
      }),
    ),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('will-quit', () => void training.disposeAll());

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
