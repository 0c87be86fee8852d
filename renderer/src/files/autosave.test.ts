// The autosave keeps the whole document: graph, settings, every run's curves, results and weights, and
// which run is on show; weights are written once per run; damaged or old records never stop the app.
import { describe, expect, it } from 'vitest';
import { loadDocumentTraining } from '../app/document-training';
import { trainedDocument } from '../app/test-support/trained-document';
import { storeOnFakeApi } from '../training/fake-api';
import { LEGACY_AUTOSAVE_KEY, readAutosave, writeAutosave } from './autosave';
import { memoryAutosave } from './autosave-storage';
import { templateModel } from './templates';

describe('autosave', () => {
  it('restores settings, full-resolution curves, every run with its weights and the run on show', async () => {
    const { editor, training, docId } = await trainedDocument();
    training.getState().selectRun('s1');
    const storage = memoryAutosave();
    await writeAutosave(editor, training, storage);

    const restored = await readAutosave(storage, null);
    expect(restored).not.toBeNull();
    if (restored === null) return;
    expect(restored.model.id).toBe(docId);
    expect(restored.activeRunId).toBe('s1');
    expect(Object.keys(restored.weights).sort()).toEqual(['s1', 's2']);

    const { store: fresh } = storeOnFakeApi();
    expect(loadDocumentTraining(restored.model, docId, fresh, restored)).toBeNull();
    const state = fresh.getState();
    expect(state.settings).toMatchObject({ epochs: 3, batch_size: 64 });
    expect(state.runs.s2?.batches).toHaveLength(300);
    expect(state.runs.s2?.batches).toEqual(training.getState().runs.s2?.batches);
    expect(state.runs.s1?.graph).toEqual(editor.getState().toModelFile().graph);
    expect(state.weights).toEqual(training.getState().weights);
    expect(state.activeRunId).toBe('s1');
  });

  it("writes each run's weights once, and the document text without them", async () => {
    const { editor, training } = await trainedDocument();
    const storage = memoryAutosave();
    const written = new Set<string>();
    await writeAutosave(editor, training, storage, written);
    expect([...written].sort()).toEqual(['s1', 's2']);
    storage.items.delete('weights:s1');
    await writeAutosave(editor, training, storage, written);
    expect(storage.items.has('weights:s1')).toBe(false); // not rewritten: it was already stored
    const text = (storage.items.get('document') as { model: string }).model;
    expect(JSON.parse(text).weights).toBeUndefined();
    expect(JSON.parse(text).runs).toHaveLength(2);
  });

  it('forgets the weights of runs that left the document (New)', async () => {
    const { editor, training } = await trainedDocument();
    const storage = memoryAutosave();
    await writeAutosave(editor, training, storage);
    editor.getState().loadModel(templateModel('mnist-cnn'));
    training.getState().setModelKey(editor.getState().docId);
    await writeAutosave(editor, training, storage);
    expect([...storage.items.keys()]).toEqual(['document']);
  });

  it('ignores a damaged record instead of failing to start', async () => {
    const storage = memoryAutosave();
    storage.items.set('document', { model: '{not json', fileName: null, dirty: false, savedAt: 0 });
    expect(await readAutosave(storage, null)).toBeNull();
  });

  it('reads the localStorage record of earlier versions once, then removes it', async () => {
    const model = templateModel('lenet5');
    const items = new Map([
      [
        LEGACY_AUTOSAVE_KEY,
        JSON.stringify({ model: JSON.stringify({ ...model, version: 1 }), fileName: 'x.json', dirty: true }),
      ],
    ]);
    const legacy = {
      getItem: (k: string) => items.get(k) ?? null,
      removeItem: (k: string) => void items.delete(k),
    };
    const restored = await readAutosave(memoryAutosave(), legacy);
    expect(restored).toMatchObject({ fileName: 'x.json', dirty: true, model: { name: model.name } });
    expect(items.size).toBe(0);
  });
});
