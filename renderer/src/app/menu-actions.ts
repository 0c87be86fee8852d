// What each native menu command does in the page: the same document actions, editor commands and
// training actions as the toolbar and shortcuts. Editing commands go to a focused text field instead.
import type { MenuCommand } from '../../../engine/api/menu-commands';
import type { ExportFormatId } from '../../../engine/formats';
import { commandById, type CommandContext } from '../commands/commands';
import type { DocumentActions } from '../files/document-actions';

export interface MenuContext {
  readonly actions: DocumentActions;
  readonly commands: CommandContext;
  readonly importFiles: () => void;
  readonly train: () => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly stop: () => void;
  /** Whether focus is in a text field (then undo, copy... are the field's). */
  readonly inTextField: () => boolean;
  /** Runs a native editing command on the focused field (document.execCommand in the page). */
  readonly editField: (command: 'undo' | 'redo' | 'copy' | 'paste' | 'selectAll' | 'delete') => void;
}

const FIELD_EDITS = {
  undo: 'undo',
  redo: 'redo',
  copy: 'copy',
  paste: 'paste',
  selectAll: 'selectAll',
  delete: 'delete',
} as const;

export function runMenuCommand(command: MenuCommand, ctx: MenuContext): void {
  if (command in FIELD_EDITS && ctx.inTextField()) {
    ctx.editField(FIELD_EDITS[command as keyof typeof FIELD_EDITS]);
    return;
  }
  switch (command) {
    case 'new':
      return void ctx.actions.newFromTemplate('blank');
    case 'open':
      return ctx.commands.open();
    case 'save':
      return ctx.commands.save();
    case 'saveAs':
      return ctx.commands.saveAs();
    case 'import':
      return ctx.importFiles();
    case 'exportJson':
      return void ctx.actions.exportAs('json', false);
    case 'export.json':
    case 'export.tfjs':
    case 'export.onnx':
    case 'export.pytorch':
    case 'export.keras':
      return void ctx.actions.exportAs(command.slice('export.'.length) as ExportFormatId, true);
    case 'train':
      return ctx.train();
    case 'pause':
      return ctx.pause();
    case 'resume':
      return ctx.resume();
    case 'stop':
      return ctx.stop();
    default: {
      const editorCommand = commandById(command);
      if (editorCommand && (editorCommand.enabled?.(ctx.commands) ?? true)) editorCommand.run(ctx.commands);
    }
  }
}
