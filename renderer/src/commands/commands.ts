// Editor commands as data: one entry per action with its label, shortcuts and whether it applies now.
// The toolbar, the keyboard and (in the desktop app) the native menu all run these.
import type { EditorStoreApi } from '../editor/editor-store';

export interface CommandContext {
  readonly editor: EditorStoreApi;
  readonly fitView: () => void;
  readonly save: () => void;
  readonly saveAs: () => void;
  readonly open: () => void;
}

export interface Command {
  readonly id: string;
  /** i18n key of the label. */
  readonly label: string;
  /** Shortcuts: "Mod" is Ctrl, or Cmd on macOS. */
  readonly keys: readonly string[];
  /** Also fires while typing in a field (saving does; undo there belongs to the field). */
  readonly inFields?: boolean;
  readonly enabled?: (ctx: CommandContext) => boolean;
  readonly run: (ctx: CommandContext) => void;
}

const hasSelection = ({ editor }: CommandContext) =>
  editor.getState().nodes.some((n) => n.selected) || editor.getState().edges.some((e) => e.selected);

export const COMMANDS: readonly Command[] = [
  {
    id: 'undo',
    label: 'common.undo',
    keys: ['Mod+z'],
    enabled: ({ editor }) => editor.getState().history.past.length > 0,
    run: ({ editor }) => editor.getState().undo(),
  },
  {
    id: 'redo',
    label: 'common.redo',
    keys: ['Mod+Shift+z', 'Mod+y'],
    enabled: ({ editor }) => editor.getState().history.future.length > 0,
    run: ({ editor }) => editor.getState().redo(),
  },
  {
    id: 'copy',
    label: 'editor.commands.copy',
    keys: ['Mod+c'],
    enabled: hasSelection,
    run: ({ editor }) => editor.getState().copySelection(),
  },
  {
    id: 'paste',
    label: 'editor.commands.paste',
    keys: ['Mod+v'],
    enabled: ({ editor }) => editor.getState().clipboard !== null,
    run: ({ editor }) => editor.getState().paste(),
  },
  {
    id: 'duplicate',
    label: 'editor.commands.duplicate',
    keys: ['Mod+d'],
    enabled: hasSelection,
    run: ({ editor }) => editor.getState().duplicateSelection(),
  },
  {
    id: 'delete',
    label: 'editor.commands.delete',
    keys: ['Delete', 'Backspace'],
    enabled: hasSelection,
    run: ({ editor }) => editor.getState().deleteSelection(),
  },
  {
    id: 'bypass',
    label: 'bypass.command',
    keys: ['Mod+b'],
    enabled: ({ editor }) => editor.getState().nodes.some((n) => n.selected),
    run: ({ editor }) => {
      const { nodes, toggleBypass } = editor.getState();
      toggleBypass(nodes.filter((n) => n.selected).map((n) => n.id));
    },
  },
  {
    id: 'selectAll',
    label: 'editor.commands.selectAll',
    keys: ['Mod+a'],
    run: ({ editor }) => editor.getState().selectAll(),
  },
  {
    id: 'connectTo',
    label: 'editor.commands.connectTo',
    keys: ['c', 'Mod+k'],
    enabled: ({ editor }) => editor.getState().nodes.filter((n) => n.selected).length === 1,
    run: ({ editor }) => editor.getState().setConnectPicker(true),
  },
  {
    id: 'layout',
    label: 'editor.commands.layout',
    keys: ['Mod+Shift+l'],
    run: ({ editor }) => editor.getState().layout(),
  },
  { id: 'fitView', label: 'editor.commands.fitView', keys: ['Mod+0'], run: (ctx) => ctx.fitView() },
  { id: 'save', label: 'common.save', keys: ['Mod+s'], inFields: true, run: (ctx) => ctx.save() },
  { id: 'saveAs', label: 'common.saveAs', keys: ['Mod+Shift+s'], inFields: true, run: (ctx) => ctx.saveAs() },
  { id: 'open', label: 'common.open', keys: ['Mod+o'], inFields: true, run: (ctx) => ctx.open() },
];

export const commandById = (id: string): Command | undefined => COMMANDS.find((c) => c.id === id);
