import { describe, expect, it, vi } from 'vitest';
import { parseModelFile, serializeModelFile } from '../../../engine';
import { createEditorStore } from '../editor/editor-store';
import { createDocumentActions } from './document-actions';
import type { FileHost } from './file-host';
import { templateModel } from './templates';

function setup(options: { confirm?: boolean } = {}) {
  const editor = createEditorStore(templateModel('mnist-cnn'));
  const saved: { name: string; text: string }[] = [];
  const host: FileHost = {
    save: async (name, data) => {
      saved.push({ name, text: typeof data === 'string' ? data : new TextDecoder().decode(data) });
      return name;
    },
    read: async (file) => ({ name: file.name, text: await file.text() }),
  };
  const confirmDiscard = vi.fn(async () => options.confirm ?? true);
  const actions = createDocumentActions({
    editor,
    host,
    confirmDiscard,
    askName: async () => 'copy of cnn',
    trainedWeights: async () => null,
  });
  return { editor, saved, actions, confirmDiscard };
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
});
