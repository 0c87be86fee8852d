// A document is its graph and its training: settings, runs (curves, results) and each run's weights.
// These functions join the editor store and the training store into one model file (Save, autosave)
// and split a loaded file back into both (Open, reload), so nothing trained is lost on the way.
import { compileGraph, type ModelFile, type ModelWeights } from '../../../engine';
import { decodeWeights } from '../../../engine/formats/weights';
import type { EditorStoreApi } from '../editor/editor-store';
import { runToSettings, settingsToRun, type TrainingStoreApi } from '../training';
import { fromSavedRun, runForLooseWeights, toSavedRun } from '../training/run-file';
import type { RunRecord } from '../training/run-record';

/** The runs of the open document, oldest first. */
export function documentRuns(editor: EditorStoreApi, training: TrainingStoreApi): RunRecord[] {
  const { docId } = editor.getState();
  const { runs, runOrder } = training.getState();
  return runOrder.flatMap((id) => (runs[id]?.modelKey === docId ? [runs[id]] : []));
}

/** The run whose weights Save, Export and the predictions use: the one on show, when it has weights. */
export function weightsRunId(editor: EditorStoreApi, training: TrainingStoreApi): string | null {
  const { activeRunId, runs, weights } = training.getState();
  if (activeRunId === null || runs[activeRunId]?.modelKey !== editor.getState().docId) return null;
  return weights[activeRunId] !== undefined ? activeRunId : null;
}

/** The whole document as a model file: graph, settings, every run, and the chosen run's weights. */
export function documentFile(editor: EditorStoreApi, training: TrainingStoreApi): ModelFile {
  const base = editor.getState().toModelFile();
  const runs = documentRuns(editor, training).map(toSavedRun);
  const runId = weightsRunId(editor, training);
  const weights = runId === null ? undefined : training.getState().weights[runId];
  return {
    ...base,
    training: settingsToRun(training.getState().settings, base.training) as Record<string, unknown>,
    ...(runs.length > 0 ? { runs } : {}),
    ...(weights !== undefined && runId !== null ? { weights: { ...weights, run: runId } } : {}),
  };
}

/** Every run's weights (the autosave keeps them all; a saved file keeps the chosen run's). */
export function documentWeights(
  editor: EditorStoreApi,
  training: TrainingStoreApi,
): Record<string, ModelWeights> {
  const { weights } = training.getState();
  return Object.fromEntries(
    documentRuns(editor, training).flatMap((r) => {
      const w = weights[r.sessionId];
      return w === undefined ? [] : [[r.sessionId, w]];
    }),
  );
}

/**
 * Puts a loaded document's training into the training store: its settings, runs and weights (those
 * saved in the file, plus every run's from the autosave). Returns why the file's weights could not be
 * used, or null; the graph and the runs are kept either way.
 */
export function loadDocumentTraining(
  model: ModelFile,
  docId: string,
  training: TrainingStoreApi,
  restored: { weights?: Readonly<Record<string, ModelWeights>>; activeRunId?: string | null } = {},
): string | null {
  const store = training.getState();
  store.setSettings(runToSettings(model.training));
  const records = (model.runs ?? []).map((r) => fromSavedRun(r, docId));
  const weights: Record<string, ModelWeights> = { ...restored.weights };
  let problem: string | null = null;
  let activeRunId = restored.activeRunId ?? records.at(-1)?.sessionId ?? null;
  if (model.weights !== undefined) {
    const { run: runId, ...saved } = model.weights;
    let owner = records.find((r) => r.sessionId === runId);
    if (owner === undefined) {
      owner = runForLooseWeights(model, docId, runId ?? `${docId}:weights`, 'Saved weights');
      records.push(owner);
    }
    problem = weightsProblem(saved, owner.graph ?? model.graph, owner.label);
    if (problem === null) {
      weights[owner.sessionId] = saved;
      activeRunId = owner.sessionId;
    }
  }
  store.setModelKey(docId);
  store.loadDocumentRuns(docId, records, weights, activeRunId);
  return problem;
}

function weightsProblem(weights: ModelWeights, graph: ModelFile['graph'], label: string): string | null {
  if (weights.file !== undefined)
    return `the weights are in ${weights.file}: use Import and pick it together with the model file`;
  const compiled = compileGraph(graph);
  const issue = compiled.ok ? decodeWeights(compiled.plan, weights).issues[0] : compiled.issues[0];
  return issue === undefined
    ? null
    : `the saved weights (${label}) no longer fit the graph: ${issue.message}. The graph is open; train it again for new weights`;
}
