// Electron main process: one secure window that loads the renderer. The services it will host live in
// electron/services and do not import electron.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { createApiBackend } from '../services/api-backend';
import { TrainingService } from '../services/training/training-service';
import trainingWorker from '../services/training/training-worker?modulePath';
import { registerIpc } from './ipc';
import { mainWindowOptions } from './window-options';

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

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  // Never navigate away from the app or open windows inside it.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServer) void window.loadURL(devServer);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
}

void app.whenReady().then(() => {
  registerIpc({
    ipcMain,
    backend: createApiBackend(training),
    isTrustedSender,
    windows: () => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()),
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('will-quit', () => void training.disposeAll());

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
