// The main window's web preferences are the app's security boundary: assert them exactly.
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('main window options', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(mainWindowOptions('/app/preload.cjs').webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('opens with the restored bounds and a usable minimum size', () => {
    const options = mainWindowOptions('/p.cjs', { x: 5, y: 6, width: 1000, height: 700 });
    expect(options).toMatchObject({ x: 5, y: 6, width: 1000, height: 700, minWidth: 800, minHeight: 560 });
  });
});
