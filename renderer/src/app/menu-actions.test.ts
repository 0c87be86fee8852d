import { describe, expect, it, vi } from 'vitest';
import { EXPORT_MENU_FORMATS, MENU_COMMANDS } from '../../../engine/api/menu-commands';
import { EXPORT_FORMATS } from '../../../engine/formats';
import { createEditorStore } from '../editor/editor-store';
import type { DocumentActions } from '../files/document-actions';
import { templateModel } from '../files/templates';
import { runMenuCommand, type MenuContext } from './menu-actions';

function context(inTextField = false) {
  const editor = createEditorStore(templateModel('mnist-mlp'));
  const ctx: MenuContext = {
    actions: { newFromTemplate: vi.fn(), exportAs: vi.fn() } as unknown as DocumentActions,
    commands: { editor, fitView: vi.fn(), save: vi.fn(), saveAs: vi.fn(), open: vi.fn() },
    importFiles: vi.fn(),
    train: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
    stop: vi.fn(),
    inTextField: () => inTextField,
    editField: vi.fn(),
  };
  return { ctx, editor };
}

describe('native menu commands in the page', () => {
  it('undo from the menu undoes the last graph edit', () => {
    const { ctx, editor } = context();
    editor.getState().setModelName('changed');
    runMenuCommand('undo', ctx);
    expect(editor.getState().modelName).toBe('mnist_mlp');
  });

  it('gives editing commands to a focused text field instead of the graph', () => {
    const { ctx, editor } = context(true);
    editor.getState().setModelName('changed');
    runMenuCommand('undo', ctx);
    expect(ctx.editField).toHaveBeenCalledWith('undo');
    expect(editor.getState().modelName).toBe('changed');
  });

  it('runs every menu command without throwing, each reaching an action', () => {
    const { ctx } = context();
    for (const command of MENU_COMMANDS) runMenuCommand(command, ctx);
    expect(ctx.train).toHaveBeenCalledOnce();
    expect(ctx.stop).toHaveBeenCalledOnce();
    expect(ctx.commands.save).toHaveBeenCalledOnce();
    expect(ctx.importFiles).toHaveBeenCalledOnce();
    expect(ctx.actions.exportAs).toHaveBeenCalledWith('json', false);
    expect(ctx.actions.exportAs).toHaveBeenCalledWith('onnx', true);
    expect(ctx.actions.exportAs).toHaveBeenCalledWith('keras', true);
    expect(ctx.commands.fitView).toHaveBeenCalledOnce();
  });

  it('Connect To… opens the picker for the one selected layer, and does nothing without one', () => {
    const { ctx, editor } = context();
    runMenuCommand('connectTo', ctx);
    expect(editor.getState().connectPickerOpen).toBe(false);
    editor.getState().selectNodes(['dense']);
    runMenuCommand('connectTo', ctx);
    expect(editor.getState().connectPickerOpen).toBe(true);
  });

  it('offers every export format in the native menu', () => {
    expect([...EXPORT_MENU_FORMATS].sort()).toEqual(Object.keys(EXPORT_FORMATS).sort());
  });
});
