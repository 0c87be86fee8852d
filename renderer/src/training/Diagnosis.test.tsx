// @vitest-environment jsdom
// The Diagnosis section on an overfitting run of the MNIST MLP template: the message and its numbers,
// "Add Dropout" inserting exactly one Dropout after the hidden Dense as one undo step, and settings
// remedies kept in the same undo history. The real editor store and the app's hook-up are used.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../i18n';
import { useGraphEditTarget } from '../app/useGraphEditTarget';
import { EditorProvider } from '../editor/EditorContext';
import { createEditorStore } from '../editor/editor-store';
import { templateModel } from '../files/templates';
import { Diagnosis } from './Diagnosis';
import { fakeApi } from './fake-api';
import { newRunRecord, type EpochPoint } from './run-record';
import { DEFAULT_SETTINGS } from './run-settings-map';
import { createTrainingStore } from './training-store';
import { TrainingProvider } from './TrainingProvider';

afterEach(cleanup);

/** Training loss falls every epoch; validation loss bottoms out at epoch 3 and rises for 3 epochs. */
const OVERFIT: EpochPoint[] = [
  [0.9, 0.75, 0.6, 0.8],
  [0.4, 0.9, 0.45, 0.85],
  [0.2, 0.96, 0.42, 0.86],
  [0.1, 0.99, 0.44, 0.86],
  [0.05, 1, 0.47, 0.85],
  [0.03, 1, 0.5, 0.85],
].map(([loss, accuracy, val_loss, val_accuracy], i) => ({
  epoch: i + 1,
  loss: loss as number,
  accuracy: accuracy as number,
  val_loss: val_loss as number,
  val_accuracy: val_accuracy as number,
}));

function Harness() {
  return <Diagnosis target={useGraphEditTarget()} />;
}

function setup(epochs: readonly EpochPoint[] = OVERFIT) {
  const editor = createEditorStore(templateModel('mnist-mlp'));
  const api = fakeApi({ 'training.list': () => [], 'datasets.list': () => [] });
  const training = createTrainingStore(api, { storage: null });
  const { docId, modelName } = editor.getState();
  const run = {
    ...newRunRecord({
      sessionId: 's1',
      modelKey: docId,
      modelName,
      label: 'Run 1',
      settings: DEFAULT_SETTINGS,
      startedAt: 1,
    }),
    state: 'completed' as const,
    epochs,
  };
  training.getState().setModelKey(docId);
  training.getState().loadDocumentRuns(docId, [run], {}, 's1');
  render(
    <EditorProvider store={editor}>
      <TrainingProvider api={api} store={training}>
        <Harness />
      </TrainingProvider>
    </EditorProvider>,
  );
  return { editor, training };
}

const dropouts = (editor: ReturnType<typeof createEditorStore>) =>
  editor.getState().nodes.filter((n) => n.data.type === 'Dropout');
const edges = (editor: ReturnType<typeof createEditorStore>) =>
  editor
    .getState()
    .edges.map((e) => `${e.source}->${e.target}`)
    .sort();

describe('Diagnosis', () => {
  it('says the run overfits, with the epochs and losses behind it', () => {
    setup();
    const finding = screen.getByText(/Validation loss rose 3 epochs in a row/);
    expect(finding.textContent).toContain('0.42 → 0.5, epochs 3–6');
    expect(finding.textContent).toContain('Overfitting.');
  });

  it('adds exactly one Dropout after the hidden Dense as one undo step', () => {
    const { editor } = setup();
    const before = { nodes: editor.getState().nodes.length, edges: edges(editor) };
    fireEvent.click(screen.getByRole('button', { name: /Add Dropout \(0\.5, after dense\)/ }));
    expect(dropouts(editor)).toHaveLength(1);
    expect(editor.getState().nodes).toHaveLength(before.nodes + 1);
    expect(dropouts(editor)[0]?.data.params).toEqual({ rate: 0.5 });
    expect(edges(editor)).toEqual(['dense->dropout', 'dropout->output', 'flatten->dense', 'input->flatten']);
    expect(editor.getState().analysis.issues).toEqual([]);
    expect(screen.getByRole('status').textContent).toContain('Add Dropout (0.5, after dense): done');
    // Dropout now follows the Dense: the button goes; early stopping is still offered.
    expect(screen.queryByRole('button', { name: /Add Dropout/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Turn on early stopping/ })).toBeTruthy();

    act(() => editor.getState().undo()); // what Ctrl+Z runs
    expect(dropouts(editor)).toHaveLength(0);
    expect(editor.getState().nodes).toHaveLength(before.nodes);
    expect(edges(editor)).toEqual(before.edges);
    expect(editor.getState().history.past).toHaveLength(0);
  });

  it('takes the Dropout back with its own Undo button too', () => {
    const { editor } = setup();
    fireEvent.click(screen.getByRole('button', { name: /Add Dropout/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(dropouts(editor)).toHaveLength(0);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('turns on early stopping as one step of the editor history, without starting a run', () => {
    const { editor, training } = setup();
    fireEvent.click(screen.getByRole('button', { name: /Turn on early stopping \(patience 3 epochs\)/ }));
    expect(training.getState().settings.early_stopping).toBe(true);
    expect(training.getState().runOrder).toEqual(['s1']);
    expect(editor.getState().history.past).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /Turn on early stopping/ })).toBeNull();
    // A setting the remedy did not touch, changed meanwhile, survives its undo.
    act(() => training.getState().setSettings({ epochs: 9 }));
    act(() => editor.getState().undo()); // what Ctrl+Z runs
    expect(training.getState().settings).toMatchObject({ early_stopping: false, epochs: 9 });
    act(() => editor.getState().redo());
    expect(training.getState().settings.early_stopping).toBe(true);
    act(() => editor.getState().undo());
    expect(training.getState().settings.early_stopping).toBe(false);
    expect(editor.getState().nodes).toHaveLength(4);
  });

  it('halves the learning rate of a run whose loss rises, and its Undo button restores it', () => {
    const { training } = setup([
      { epoch: 1, loss: 0.5, accuracy: 0.85, val_loss: 0.5, val_accuracy: 0.85 },
      { epoch: 2, loss: 0.4, accuracy: 0.88, val_loss: 0.45, val_accuracy: 0.87 },
      { epoch: 3, loss: 0.6, accuracy: 0.82, val_loss: 0.6, val_accuracy: 0.82 },
      { epoch: 4, loss: 0.9, accuracy: 0.75, val_loss: 0.9, val_accuracy: 0.75 },
    ]);
    expect(screen.getByText(/Training loss rose 2 epochs in a row/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Halve the learning rate \(0\.001 → 0\.0005\)/ }));
    expect(training.getState().settings.learning_rate).toBe(0.0005);
    expect(screen.getByRole('status').textContent).toContain('Halve the learning rate (0.001 → 0.0005)');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(training.getState().settings.learning_rate).toBe(0.001);
  });

  it('says nothing is wrong with a healthy run, and offers no remedy', () => {
    setup([
      { epoch: 1, loss: 0.3, accuracy: 0.91, val_loss: 0.15, val_accuracy: 0.955 },
      { epoch: 2, loss: 0.12, accuracy: 0.965, val_loss: 0.1, val_accuracy: 0.97 },
    ]);
    expect(screen.getByText(/Nothing in these curves points to/)).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
