// The main window's web preferences are the app's security boundary: assert them exactly.
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow } from './window-options';

function optionsOf(...args: Parameters<typeof createMainWindow> extends [unknown, ...infer R] ? R : never) {
  let seen: BrowserWindowConstructorOptions | undefined;
  class FakeWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      seen = options;
    }
  }
  createMainWindow(FakeWindow as never, ...args);
  return seen as BrowserWindowConstructorOptions;
}

describe('main window', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(optionsOf('/app/preload.cjs').webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('allows DevTools only in development', () => {
    expect(optionsOf('/p.cjs', undefined, true).webPreferences?.devTools).toBe(true);
    expect(optionsOf('/p.cjs', undefined, false).webPreferences?.devTools).toBe(false);
  });

  it('opens hidden (shown when ready) with the restored bounds and a usable minimum size', () => {
    expect(optionsOf('/p.cjs', { x: 5, y: 6, width: 1000, height: 700 })).toMatchObject({
      x: 5,
      y: 6,
      width: 1000,
      height: 700,
      minWidth: 800,
      minHeight: 560,
      show: false,
    });
  });
});
