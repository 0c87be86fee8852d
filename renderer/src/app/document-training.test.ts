// A document's training survives Save → Open: settings, every run's curves and results, the chosen
// run's weights; a file whose weights no longer fit says so and keeps the graph; a new document shows
// no runs of the previous one.
import { describe, expect, it } from 'vitest';
import { parseModelFile, serializeModelFile, type ModelFile } from '../../../engine';
import { createEditorStore } from '../editor/editor-store';
import { templateModel } from '../files/templates';
import { storeOnFakeApi } from '../training/fake-api';
import { mlpWeights, trainedDocument } from './test-support/trained-document';
import { selectActiveRun, selectRunIdsOfModel } from '../training/selectors';
import { documentFile, loadDocumentTraining, weightsRunId } from './document-training';

/** Save, then Open in a fresh app: the text through the parser into new stores. */
function reopen(text: string) {
  const parsed = parseModelFile(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const editor = createEditorStore(templateModel('mnist-cnn'));
  editor.getState().loadModel(parsed.model);
  const { store: training } = storeOnFakeApi();
  const problem = loadDocumentTraining(parsed.model, editor.getState().docId, training);
  return { editor, training, problem, model: parsed.model };
}

describe('document training', () => {
  it('saves every run and the weights of the run on show, and Open restores them', async () => {
    const { editor, training, docId } = await trainedDocument();
    training.getState().selectRun('s1');
    const file = documentFile(editor, training);
    expect(file.id).toBe(docId);
    expect(file.runs?.map((r) => r.id)).toEqual(['s1', 's2']);
    expect(file.weights?.run).toBe('s1');
    expect((file.training as { epochs: number }).epochs).toBe(3);

    const opened = reopen(serializeModelFile(file));
    expect(opened.problem).toBeNull();
    expect(opened.editor.getState().docId).toBe(docId);
    const state = opened.training.getState();
    expect(state.settings.epochs).toBe(3);
    expect(selectRunIdsOfModel(docId)(state)).toEqual(['s2', 's1']);
    expect(state.runs.s2?.epochs).toEqual(training.getState().runs.s2?.epochs);
    // The progress line reads where the run got to, not step 0.
    expect(state.runs.s2?.step).toBe(training.getState().runs.s2?.step);
    expect(state.runs.s2?.step).toBeGreaterThan(0);
    expect(state.runs.s1?.state).toBe('completed');
    expect(weightsRunId(opened.editor, opened.training)).toBe('s1');
    const { run: _run, ...saved } = file.weights as NonNullable<ModelFile['weights']>;
    expect(state.weights.s1).toEqual(saved);
    expect(state.weights.s2).toBeUndefined(); // only the chosen run's weights go into the file
  });

  it('opens a file whose weights no longer fit the graph with the graph and runs intact, and says why', async () => {
    const { editor, training } = await trainedDocument();
    const file = documentFile(editor, training);
    const broken = {
      ...file,
      runs: file.runs?.map(({ graph: _g, ...r }) => r),
      weights: {
        ...(file.weights as NonNullable<ModelFile['weights']>),
        tensors: file.weights?.tensors.slice(1) ?? [],
      },
    };
    const opened = reopen(serializeModelFile(broken as ModelFile));
    expect(opened.problem).toMatch(/the saved weights \(Run 2\) no longer fit the graph: .*dense\/kernel/);
    expect(opened.editor.getState().nodes).toHaveLength(file.graph.nodes.length);
    expect(Object.keys(opened.training.getState().runs)).toEqual(['s1', 's2']);
    expect(opened.training.getState().weights).toEqual({});
  });

  it('gives weights without a run (CLI train --out, version 1) a run of their own, with the history as curves', () => {
    const model = {
      ...templateModel('mnist-mlp'),
      history: [{ epoch: 1, loss: 0.3, accuracy: 0.91, val_loss: 0.2, val_accuracy: 0.93, seconds: 1 }],
      weights: mlpWeights(0.5),
    };
    const opened = reopen(serializeModelFile(model));
    expect(opened.problem).toBeNull();
    const run = selectActiveRun(opened.training.getState());
    expect(run).toMatchObject({ label: 'Saved weights', state: 'completed' });
    expect(run?.epochs).toEqual([{ epoch: 1, loss: 0.3, accuracy: 0.91, val_loss: 0.2, val_accuracy: 0.93 }]);
    expect(opened.training.getState().weights[run?.sessionId ?? '']).toEqual(model.weights);
  });

  it('shows no runs for a new document, and the old ones again when it comes back', async () => {
    const { editor, training, docId } = await trainedDocument();
    editor.getState().loadModel(templateModel('mnist-cnn'));
    training.getState().setModelKey(editor.getState().docId);
    expect(selectActiveRun(training.getState())).toBeNull();
    expect(selectRunIdsOfModel(editor.getState().docId)(training.getState())).toEqual([]);
    expect(weightsRunId(editor, training)).toBeNull();
    training.getState().setModelKey(docId);
    expect(selectActiveRun(training.getState())?.sessionId).toBe('s2');
  });
});
