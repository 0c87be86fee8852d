// The main window and its security settings, kept apart so a test can assert them (with a stand-in
// BrowserWindow class) and electronegativity can read the literal web preferences.
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SIZE, type WindowState } from './window-state';

type WindowClass = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

export function createMainWindow(
  BrowserWindow: WindowClass,
  preloadPath: string,
  bounds: WindowState['bounds'] = DEFAULT_SIZE,
  development = false,
): ElectronBrowserWindow {
  return new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    title: 'Layerwise',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click must not open links in new windows (navigation is blocked anyway).
      disableBlinkFeatures: 'Auxclick',
      // The packaged app has no DevTools at all (not just no menu item for them).
      devTools: development,
    },
  });
}
