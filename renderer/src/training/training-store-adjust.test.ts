// Adjusting a paused run through the store: training.adjust gets the changes, the answer's marker is
// kept once, a refusal is kept for the form, and the document follows (its settings, its Dropout rates)
// in ONE step of the editor's undo history, while the run keeps the graph it started with.
import { describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import { dropoutLayers } from '../../../engine/training/dropout-layers';
import { chain } from '../../../engine/testing/graphs';
import { createEditorStore } from '../editor/editor-store';
import { graphFromFlow } from '../editor/graph-document';
import { templateModel } from '../files/templates';
import type { GraphEditTarget } from './diagnosis-target';
import { adjustedEvent, pausedRunStore } from './fake-api';

const dropoutModel: ModelFile = {
  ...templateModel('mnist-mlp'),
  graph: chain(
    [28, 28, 1],
    ['Flatten'],
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dropout', { rate: 0.5 }],
    ['Dense', { units: 10, activation: 'softmax' }],
  ),
};

/** The editor of a document showing `model`, seen the way the training dock sees it. */
function editorOf(model: ModelFile) {
  const editor = createEditorStore(model);
  const graph = () => graphFromFlow(editor.getState().nodes, editor.getState().edges);
  const target: GraphEditTarget = {
    revision: 0,
    getGraph: graph,
    applyGraph: (g, added, external) => editor.getState().applyGraphEdit(g, added, external),
    applyExternal: (edit) => editor.getState().applyExternalEdit(edit),
    undo: () => editor.getState().undo(),
  };
  const rate = () => dropoutLayers(graph())[0]?.rate;
  return { editor, target, rate };
}

describe('training store: adjust', () => {
  it('sends the changes for the paused run and shows its marker once, however often it arrives', async () => {
    const { api, store } = await pausedRunStore();
    expect(await store.getState().adjust({ learning_rate: 0.0005 })).toBe(true);
    expect(api.calls.at(-1)).toEqual({
      method: 'training.adjust',
      params: { sessionId: 's1', changes: { learning_rate: 0.0005 } },
    });
    api.emit('s1', adjustedEvent({ learning_rate: 0.0005 }, { learning_rate: 0.001 }));
    expect(store.getState().runs.s1?.adjustments.map((a) => a.label)).toEqual(['lr 0.001 → 0.0005']);
    // Without an editor the form's settings follow directly: the next run starts from them.
    expect(store.getState().settings.learning_rate).toBe(0.0005);
  });

  it('keeps a refusal for the form and changes nothing', async () => {
    const { store } = await pausedRunStore(undefined, {
      'training.adjust': () => {
        throw new ApiError({
          code: 'E_BAD_REQUEST',
          message: 'training.adjust: changes.batch_size: too big',
        });
      },
    });
    expect(await store.getState().adjust({ batch_size: 4096 })).toBe(false);
    expect(store.getState().adjustError?.message).toBe('training.adjust: changes.batch_size: too big');
    expect(store.getState().runs.s1?.adjustments).toEqual([]);
    expect(store.getState().settings.batch_size).toBe(32);
  });

  it('does nothing for a run that is not paused', async () => {
    const { api, store } = await pausedRunStore();
    api.emit('s1', { type: 'state', state: 'running' });
    expect(await store.getState().adjust({ learning_rate: 0.1 })).toBe(false);
    expect(api.calls.some((c) => c.method === 'training.adjust')).toBe(false);
  });

  it('gives the document the new Dropout rate and settings as one undo step; the run keeps its graph', async () => {
    const { store } = await pausedRunStore(dropoutModel);
    const { editor, target, rate } = editorOf(dropoutModel);
    const revision = editor.getState().revision;
    const changes = { learning_rate: 0.0005, dropout: { dropout: 0.2 } };
    expect(await store.getState().adjust(changes, target)).toBe(true);
    expect(rate()).toBe(0.2);
    expect(store.getState().settings.learning_rate).toBe(0.0005);
    expect(editor.getState().revision).toBe(revision + 1);
    expect(dropoutLayers(store.getState().runs.s1?.graph ?? { nodes: [], edges: [] })[0]?.rate).toBe(0.5);

    editor.getState().undo();
    expect(rate()).toBe(0.5);
    expect(store.getState().settings.learning_rate).toBe(0.001);
    expect(editor.getState().history.past).toHaveLength(0);

    editor.getState().redo();
    expect(rate()).toBe(0.2);
    expect(store.getState().settings.learning_rate).toBe(0.0005);
  });

  it('records a settings-only adjustment as one undo step of the document too', async () => {
    const { store } = await pausedRunStore(dropoutModel);
    const { editor, target } = editorOf(dropoutModel);
    await store
      .getState()
      .adjust({ optimizer: 'sgd', early_stopping: { patience: 2, min_delta: 0.01 } }, target);
    expect(store.getState().settings).toMatchObject({
      optimizer: 'sgd',
      early_stopping: true,
      patience: 2,
      min_delta: 0.01,
    });
    editor.getState().undo();
    expect(store.getState().settings).toMatchObject({
      optimizer: 'adam',
      early_stopping: false,
      min_delta: 0,
    });
  });
});
