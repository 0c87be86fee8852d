// The native menu as data: the menus each platform gets, accelerators, commands sent, dev-only items.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../../engine/api/menu-commands';
import { menuTemplate, type MenuOptions } from './menu-template';

const options = (platform: NodeJS.Platform, development = false, recent: string[] = []): MenuOptions => ({
  platform,
  appName: 'Layerwise',
  development,
  recent,
  home: '/home/ada',
  send: vi.fn(),
  openRecent: vi.fn(),
  clearRecent: vi.fn(),
  showAbout: vi.fn(),
  openDocumentation: vi.fn(),
});

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((menu) => [menu, ...items((menu.submenu as MenuItemConstructorOptions[]) ?? [])]);
}

describe('native menu', () => {
  it('has File, Edit, View, Train and Help, plus the app menu on macOS', () => {
    expect(menuTemplate(options('linux')).map((m) => m.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Train',
      '&Help',
    ]);
    expect(menuTemplate(options('darwin')).map((m) => m.label)).toEqual([
      'Layerwise',
      '&File',
      '&Edit',
      '&View',
      '&Train',
      'Window',
      '&Help',
    ]);
  });

  it('has each platform’s standard window items: Close everywhere, Quit in File except on macOS', () => {
    const roles = (platform: NodeJS.Platform, menu: string) =>
      (
        menuTemplate(options(platform)).find((m) => m.label === menu)?.submenu as MenuItemConstructorOptions[]
      ).map((i) => i.role);
    expect(roles('win32', '&File')).toEqual(expect.arrayContaining(['close', 'quit']));
    expect(roles('darwin', '&File')).toContain('close');
    expect(roles('darwin', '&File')).not.toContain('quit');
    expect(roles('darwin', 'Layerwise')).toEqual(
      expect.arrayContaining(['services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
  });

  it('sends every menu command from some item, each to the page', () => {
    const opts = options('win32');
    for (const entry of items(menuTemplate(opts))) (entry.click as (() => void) | undefined)?.();
    expect((opts.send as ReturnType<typeof vi.fn>).mock.calls.map(([c]) => c).sort()).toEqual(
      [...MENU_COMMANDS].sort(),
    );
    expect(opts.showAbout).toHaveBeenCalledOnce();
  });

  it('uses each platform’s redo shortcut and CmdOrCtrl elsewhere', () => {
    const redo = (platform: NodeJS.Platform) =>
      items(menuTemplate(options(platform))).find((i) => i.label === 'Redo');
    expect(redo('darwin')?.accelerator).toBe('Cmd+Shift+Z');
    expect(redo('win32')?.accelerator).toBe('Ctrl+Y');
    expect(items(menuTemplate(options('linux'))).find((i) => i.label === 'Save')?.accelerator).toBe(
      'CmdOrCtrl+S',
    );
  });

  it('offers reload and DevTools only in development', () => {
    const roles = (development: boolean) =>
      items(menuTemplate(options('linux', development))).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('leaves the keys the page handles to the page on Linux and Windows, registering only the others', () => {
    const all = items(menuTemplate(options('linux')));
    expect(all.find((i) => i.label === 'Undo')?.registerAccelerator).toBe(false);
    expect(all.find((i) => i.label === 'Train')).toMatchObject({ accelerator: 'CmdOrCtrl+Enter' });
    expect(all.find((i) => i.label === 'Train')?.registerAccelerator).toBeUndefined();
  });

  it('lists recent documents under File › Open Recent, opening the one clicked', () => {
    const opts = options('linux', false, ['/home/ada/models/cnn.layerwise.json', '/data/R&D/mlp.json']);
    const file = menuTemplate(opts).find((m) => m.label === '&File')?.submenu as MenuItemConstructorOptions[];
    const recent = file.find((i) => i.label === 'Open &Recent')?.submenu as MenuItemConstructorOptions[];
    expect(recent.map((i) => i.label ?? i.type)).toEqual([
      'cnn.layerwise.json — ~/models',
      'mlp.json — /data/R&&D',
      'separator',
      'Clear Recently Opened',
    ]);
    (recent[1]?.click as () => void)();
    expect(opts.openRecent).toHaveBeenCalledWith('/data/R&D/mlp.json');
    (recent[3]?.click as () => void)();
    expect(opts.clearRecent).toHaveBeenCalledOnce();
  });

  it('shows a disabled placeholder when nothing was opened yet', () => {
    const file = menuTemplate(options('darwin')).find((m) => m.label === '&File')
      ?.submenu as MenuItemConstructorOptions[];
    const recent = file.find((i) => i.label === 'Open &Recent')?.submenu as MenuItemConstructorOptions[];
    expect(recent).toEqual([{ label: 'No Recent Documents', enabled: false }]);
  });
});
