import { describe, expect, it, vi } from 'vitest';
import { parseModelFile, serializeModelFile } from '../../../engine';
import { createEditorStore } from '../editor/editor-store';
import { createDocumentActions } from './document-actions';
import type { FileHost, SaveRequest } from './file-host';
import { templateModel } from './templates';

function setup(options: { confirm?: boolean; host?: Partial<FileHost> } = {}) {
  const editor = createEditorStore(templateModel('mnist-cnn'));
  const saved: { name: string; text: string }[] = [];
  const host: FileHost = {
    nativeDialogs: false,
    saveDocument: async ({ text, suggestedName }) => {
      saved.push({ name: suggestedName, text });
      return { name: suggestedName, documentId: null };
    },
    exportFiles: async (files) => {
      for (const { name, data } of files)
        saved.push({ name, text: typeof data === 'string' ? data : new TextDecoder().decode(data) });
      return true;
    },
    ...options.host,
  };
  const confirmDiscard = vi.fn(async () => options.confirm ?? true);
  const askName = vi.fn(async () => 'copy of cnn');
  const actions = createDocumentActions({
    editor,
    host,
    confirmDiscard,
    askName,
    trainedWeights: async () => null,
  });
  return { editor, saved, actions, confirmDiscard, askName };
}

const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('document actions', () => {
  it('opens a model file and marks it saved under its name', async () => {
    const { editor, actions } = setup();
    const mlp = serializeModelFile(templateModel('mnist-mlp'));
    expect(await actions.open(file('mlp.layerwise.json', mlp))).toBe(true);
    expect(editor.getState().modelName).toBe('mnist_mlp');
    expect(editor.getState().fileName).toBe('mlp.layerwise.json');
    expect(actions.isDirty()).toBe(false);
  });

  it('reports a broken file with its line and column and keeps the open document', async () => {
    const { editor, actions } = setup();
    const before = editor.getState().nodes;
    expect(
      await actions.open(
        file('broken.json', '{\n  "format": "layerwise-model",\n  "version": 1,\n  oops\n}'),
      ),
    ).toBe(false);
    expect(editor.getState().notice?.text).toMatch(/^broken\.json \(line 4, column 3\): /);
    expect(editor.getState().nodes).toBe(before);
  });

  it('names the node and field of a schema problem', async () => {
    const { editor, actions } = setup();
    const model = JSON.parse(serializeModelFile(templateModel('mnist-mlp')));
    model.graph.nodes[2].position = 'left';
    await actions.open(file('bad.json', JSON.stringify(model)));
    expect(editor.getState().notice?.text).toMatch(/node 'dense'/);
  });

  it('asks before discarding unsaved changes and keeps them when the user says no', async () => {
    const { editor, actions, confirmDiscard } = setup({ confirm: false });
    editor.getState().setModelName('edited');
    await actions.newFromTemplate('blank');
    expect(confirmDiscard).toHaveBeenCalledOnce();
    expect(editor.getState().modelName).toBe('edited');
  });

  it('saves the document as a valid model file and clears the unsaved marker', async () => {
    const { editor, actions, saved } = setup();
    editor.getState().setModelName('My CNN');
    await actions.save();
    expect(saved[0]?.name).toBe('My_CNN.layerwise.json');
    const parsed = parseModelFile(saved[0]?.text ?? '');
    expect(parsed.ok && parsed.model.name).toBe('My CNN');
    expect(actions.isDirty()).toBe(false);
    await actions.saveAs();
    expect(saved[1]?.name).toBe('copy_of_cnn.layerwise.json');
  });

  it('refuses to export weights before the model is trained', async () => {
    const { editor, actions, saved } = setup();
    await actions.exportAs('json', true);
    expect(saved).toEqual([]);
    expect(editor.getState().notice?.text).toMatch(/Train this model first/);
    await actions.exportAs('json', false);
    expect(saved[0]?.name).toBe('mnist_cnn.layerwise.json');
  });

  it('imports a model file picked with its sidecar weights, as an unsaved document', async () => {
    const { editor, actions } = setup();
    const cnn = templateModel('mnist-mlp');
    const json = new File([serializeModelFile(cnn)], 'mlp.layerwise.json');
    expect(await actions.importFiles([json])).toBe(true);
    expect(editor.getState().modelName).toBe('mnist_mlp');
    expect(actions.isDirty()).toBe(true);
  });

  it('says what to pick when the files hold no model, and keeps the open document', async () => {
    const { editor, actions } = setup();
    expect(await actions.importFiles([new File(['x'], 'weights.bin')])).toBe(false);
    expect(editor.getState().notice?.text).toMatch(/pick a model.json/);
    expect(editor.getState().modelName).toBe('mnist_cnn');
  });

  it('opens one of our model files dropped on the window like Open, and imports anything else', async () => {
    const { editor, actions } = setup();
    const ours = new File([serializeModelFile(templateModel('mnist-mlp'))], 'mlp.layerwise.json');
    expect(await actions.dropFiles([ours])).toBe(true);
    expect(editor.getState()).toMatchObject({ modelName: 'mnist_mlp', fileName: 'mlp.layerwise.json' });
    expect(actions.isDirty()).toBe(false);
    expect(await actions.dropFiles([new File(['x'], 'weights.bin')])).toBe(false);
    expect(editor.getState().notice?.text).toMatch(/pick a model.json/);
  });

  describe('with native dialogs (desktop)', () => {
    const mlpText = () => serializeModelFile(templateModel('mnist-mlp'));

    it('opens the chosen file and saves back to it without asking', async () => {
      const requests: SaveRequest[] = [];
      const { editor, actions, askName } = setup({
        host: {
          nativeDialogs: true,
          pickDocument: async () => ({ documentId: 'doc-1', name: 'mlp.layerwise.json', text: mlpText() }),
          saveDocument: async (request) => {
            requests.push(request);
            return { name: 'mlp.layerwise.json', documentId: request.documentId ?? 'doc-2' };
          },
        },
      });
      expect(await actions.openWithDialog()).toBe(true);
      expect(editor.getState()).toMatchObject({ fileName: 'mlp.layerwise.json', documentId: 'doc-1' });
      editor.getState().setModelName('edited');
      await actions.save();
      expect(requests[0]).toMatchObject({ documentId: 'doc-1', saveAs: false });
      expect(parseModelFile(requests[0]?.text ?? '').ok).toBe(true);
      expect(actions.isDirty()).toBe(false);
      await actions.saveAs();
      expect(askName).not.toHaveBeenCalled(); // the native dialog asks instead
      expect(requests[1]).toMatchObject({
        documentId: 'doc-1',
        saveAs: true,
        suggestedName: 'mlp.layerwise.json',
      });
    });

    it('keeps the document dirty and says why when a save fails', async () => {
      const { editor, actions } = setup({
        host: {
          nativeDialogs: true,
          saveDocument: async () => {
            throw new Error('/models/a.layerwise.json is not accessible (permission denied)');
          },
        },
      });
      editor.getState().setModelName('edited');
      await actions.save();
      expect(actions.isDirty()).toBe(true);
      expect(editor.getState().notice?.text).toBe(
        '/models/a.layerwise.json is not accessible (permission denied)',
      );
    });

    it('does nothing when a dialog is cancelled', async () => {
      const { editor, actions, confirmDiscard } = setup({
        host: { nativeDialogs: true, pickDocument: async () => null, pickImportFiles: async () => null },
      });
      editor.getState().setModelName('edited');
      expect(await actions.openWithDialog()).toBe(false);
      expect(await actions.importWithDialog()).toBe(false);
      expect(confirmDiscard).not.toHaveBeenCalled();
      expect(editor.getState().modelName).toBe('edited');
    });

    it('opens a file the OS handed over, or shows why main could not read it', async () => {
      const { editor, actions } = setup();
      expect(await actions.openFromHost({ error: '/tmp/gone.layerwise.json does not exist' })).toBe(false);
      expect(editor.getState().notice?.text).toBe('/tmp/gone.layerwise.json does not exist');
      expect(
        await actions.openFromHost({
          document: { documentId: 'd', name: 'm.layerwise.json', text: mlpText() },
        }),
      ).toBe(true);
      expect(editor.getState()).toMatchObject({ modelName: 'mnist_mlp', documentId: 'd' });
      expect(await actions.openFromHost({ document: { documentId: 'e', name: 'bad.json', text: '{' } })).toBe(
        false,
      );
      expect(editor.getState().notice?.text).toMatch(/^bad\.json \(line 1/);
      expect(editor.getState().documentId).toBe('d');
    });

    it('imports the files picked in the Import dialog', async () => {
      const bytes = new TextEncoder().encode(mlpText());
      const { editor, actions } = setup({
        host: { nativeDialogs: true, pickImportFiles: async () => [{ name: 'mlp.layerwise.json', bytes }] },
      });
      expect(await actions.importWithDialog()).toBe(true);
      expect(editor.getState().modelName).toBe('mnist_mlp');
      expect(editor.getState().documentId).toBeNull();
    });
  });
});
