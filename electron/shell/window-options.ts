// The main window's security settings, kept apart so a test can assert them.
import type { BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SIZE, type WindowState } from './window-state';

export function mainWindowOptions(
  preloadPath: string,
  bounds: WindowState['bounds'] = DEFAULT_SIZE,
): BrowserWindowConstructorOptions {
  return {
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
      webSecurity: true,
    },
  };
}
