// The native menu (File, Edit, View, Train, Help; on macOS the app menu first) as data. Items that act
// on the model send a menu command to the page, which runs it like its toolbar does; the rest are
// Electron roles. Accelerators use CmdOrCtrl, so each platform gets its own modifier.
import type { MenuItemConstructorOptions } from 'electron';
import { basename, dirname } from 'node:path';
import { EXPORT_MENU_FORMATS, type MenuCommand } from '../../engine/api/menu-commands';
import { EXPORT_FORMATS } from '../../engine/formats';

/** Commands whose keys the page handles (renderer/src/commands/commands.ts). */
const PAGE_SHORTCUTS = new Set<MenuCommand>([
  'undo',
  'redo',
  'copy',
  'paste',
  'duplicate',
  'bypass',
  'selectAll',
  'layout',
  'fitView',
  'save',
  'saveAs',
  'open',
]);

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly development: boolean;
  /** Recent documents, newest first (absolute paths). */
  readonly recent: readonly string[];
  /** The home folder, shown as ~ in Open Recent. */
  readonly home?: string;
  send(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
  showAbout(): void;
  openDocumentation(): void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, appName, development, send } = options;
  const mac = platform === 'darwin';
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator } : {}),
    // The page already handles these keys itself (and knows when a text field should get them): on
    // Linux and Windows the menu only shows them, so one key press never runs a command twice.
    ...(accelerator && PAGE_SHORTCUTS.has(command) ? { registerAccelerator: false } : {}),
  });
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => options.showAbout() };
  return [
    ...(mac
      ? [
          {
            label: appName,
            submenu: [
              about,
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '&File',
      submenu: [
        item('New', 'new', 'CmdOrCtrl+N'),
        item('Open…', 'open', 'CmdOrCtrl+O'),
        { label: 'Open &Recent', submenu: recentMenu(options) },
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Import…', 'import', 'CmdOrCtrl+I'),
        {
          label: '&Export',
          submenu: [
            item('Model JSON (Architecture Only)', 'exportJson', 'CmdOrCtrl+E'),
            { type: 'separator' },
            ...EXPORT_MENU_FORMATS.map((format) =>
              item(`${EXPORT_FORMATS[format].label} (Trained)…`, `export.${format}`),
            ),
          ],
        },
        { type: 'separator' },
        { role: 'close' },
        ...(mac ? [] : [{ role: 'quit' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        item('Copy', 'copy', 'CmdOrCtrl+C'),
        item('Paste', 'paste', 'CmdOrCtrl+V'),
        item('Duplicate', 'duplicate', 'CmdOrCtrl+D'),
        item('Delete', 'delete'),
        item('Bypass / Restore', 'bypass', 'CmdOrCtrl+B'),
        { type: 'separator' },
        item('Select All', 'selectAll', 'CmdOrCtrl+A'),
        { type: 'separator' },
        item('Connect To…', 'connectTo', 'CmdOrCtrl+K'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Auto Layout', 'layout', 'CmdOrCtrl+Shift+L'),
        item('Fit View', 'fitView', 'CmdOrCtrl+0'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(development
          ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
          : []),
      ],
    },
    {
      label: '&Train',
      submenu: [
        item('Train', 'train', 'CmdOrCtrl+Enter'),
        item('Pause', 'pause'),
        item('Resume', 'resume'),
        item('Stop', 'stop', 'CmdOrCtrl+.'),
      ],
    },
    // macOS lists the app's windows, Minimize and Zoom in a Window menu.
    ...(mac ? [{ label: 'Window', role: 'windowMenu' } as const] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'Documentation', click: () => options.openDocumentation() },
        ...(mac ? [] : [{ type: 'separator' } as const, about]),
      ],
    },
  ];
}

/** "name — ~/folder" for each recent document, then Clear; a disabled placeholder when there are none. */
function recentMenu(options: MenuOptions): MenuItemConstructorOptions[] {
  if (options.recent.length === 0) return [{ label: 'No Recent Documents', enabled: false }];
  const { home } = options;
  const folder = (path: string) => {
    const dir = dirname(path);
    return home && (dir === home || dir.startsWith(`${home}/`)) ? `~${dir.slice(home.length)}` : dir;
  };
  return [
    ...options.recent.map((path): MenuItemConstructorOptions => ({
      // "&" would mark a mnemonic on Windows and Linux: double it so names show as written.
      label: `${basename(path)} — ${folder(path)}`.replaceAll('&', '&&'),
      click: () => options.openRecent(path),
    })),
    { type: 'separator' },
    { label: 'Clear Recently Opened', click: () => options.clearRecent() },
  ];
}
