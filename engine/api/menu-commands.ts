// The commands the desktop app's native menu sends to the page, as a plain list shared by the main
// process (which builds the menu), the preload (which lets only these through) and the renderer (which
// runs them with the same actions as its toolbar and shortcuts).
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'import',
  'exportJson',
  'undo',
  'redo',
  'copy',
  'paste',
  'duplicate',
  'delete',
  'selectAll',
  'layout',
  'fitView',
  'train',
  'pause',
  'resume',
  'stop',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const isMenuCommand = (value: unknown): value is MenuCommand =>
  typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
