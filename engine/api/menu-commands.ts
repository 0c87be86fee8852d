// The commands the desktop app's native menu sends to the page, as a plain list shared by the main
// process (which builds the menu), the preload (which lets only these through) and the renderer (which
// runs them with the same actions as its toolbar and shortcuts).
import type { ExportFormatId } from '../formats';

/** File › Export › each format, with the weights of the latest run (the list a test keeps in step). */
export const EXPORT_MENU_FORMATS = [
  'json',
  'tfjs',
  'onnx',
  'pytorch',
  'keras',
] as const satisfies readonly ExportFormatId[];

export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'import',
  'exportJson',
  ...EXPORT_MENU_FORMATS.map((format) => `export.${format}` as const),
  'undo',
  'redo',
  'copy',
  'paste',
  'duplicate',
  'delete',
  'bypass',
  'selectAll',
  'connectTo',
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
