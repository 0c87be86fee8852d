// @vitest-environment jsdom
// Continue training: offered only with a trained run of this document, it lists what keeps the trained
// weights and what starts afresh (worked out from the run's weights and the current graph), and Start
// sends those weights with weights: 'matching'; Train stays the primary button.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compileGraph, type ModelFile } from '../../../engine';
import type { Graph } from '../../../engine/graph';
import { encodeWeights } from '../../../engine/formats/weights';
import { chain } from '../../../engine/testing/graphs';
import '../i18n';
import { fakeApi } from './fake-api';
import { newRunRecord } from './run-record';
import { DEFAULT_SETTINGS } from './run-settings-map';
import { TrainingControls } from './TrainingControls';
import { createTrainingStore } from './training-store';
import { TrainingProvider } from './TrainingProvider';

const mlp = (hidden: number, output = 10): Graph =>
  chain(
    [28, 28, 1],
    ['Flatten'],
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dense', { units: hidden, activation: 'relu' }],
    ['Dense', { units: output, activation: 'softmax' }],
  );
const modelOf = (graph: Graph) => ({ format: 'layerwise-model', version: 2, name: 'm', graph }) as ModelFile;

function weightsOf(graph: Graph) {
  const compiled = compileGraph(graph);
  if (!compiled.ok) throw new Error('graph');
  return encodeWeights(compiled.plan, new Map());
}

/** The controls of document 'doc' showing `current`, with Run 1 trained on `trained` (when given). */
function setup(current: Graph, trained?: Graph) {
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: 's2' }),
  });
  const store = createTrainingStore(api, { storage: null });
  if (trained !== undefined) {
    const identity = {
      sessionId: 's1',
      modelKey: 'doc',
      modelName: 'm',
      label: 'Run 1',
      settings: DEFAULT_SETTINGS,
      startedAt: 1,
      graph: trained,
    };
    const run = { ...newRunRecord(identity), state: 'completed' as const };
    store.getState().loadDocumentRuns('doc', [run], { s1: weightsOf(trained) }, 's1');
    store.getState().setModelKey('doc');
  }
  render(
    <TrainingProvider api={api} store={store}>
      <TrainingControls model={modelOf(current)} blockedReason={null} modelKey="doc" />
    </TrainingProvider>,
  );
  return { api, store };
}

afterEach(cleanup);

describe('Continue training', () => {
  it('is not offered without a trained run of this document', () => {
    setup(mlp(16));
    expect(screen.queryByRole('button', { name: 'Continue training' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Train' }).className).toBe('primary');
  });

  it('lists kept and initialised layers, then starts with the trained weights and a label naming the run', async () => {
    const { api, store } = setup(mlp(24), mlp(16));
    const open = screen.getByRole('button', { name: 'Continue training' });
    expect(open.className).not.toContain('primary'); // Train stays the default
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Continue from Run 1' });
    expect(dialog.textContent).toContain('Keep trained weights: dense (1 layer)');
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'dense_1 (kernel changed: (32, 16) → (32, 24))',
      'dense_2 (kernel changed: (16, 10) → (24, 10))',
    ]);
    const start = within(dialog).getByRole('button', { name: 'Start' });
    expect(document.activeElement).toBe(start);

    await act(async () => fireEvent.click(start));
    const call = api.calls.find((c) => c.method === 'training.start');
    expect(call?.params).toMatchObject({ weights: 'matching', model: { weights: weightsOf(mlp(16)) } });
    expect(store.getState().runs.s2?.label).toBe('Run 2 (from Run 1)');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says when nothing fits and offers only training from scratch', async () => {
    const { api } = setup(
      chain([28, 28, 1], ['Flatten'], ['Dense', { units: 10, activation: 'softmax' }]),
      mlp(16),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue training' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('None of the trained weights of Run 1 fit the current model');
    expect(within(dialog).queryByRole('button', { name: 'Start' })).toBeNull();
    await act(async () =>
      fireEvent.click(within(dialog).getByRole('button', { name: 'Train from scratch' })),
    );
    const call = api.calls.find((c) => c.method === 'training.start');
    expect(call?.params).not.toHaveProperty('weights');
    expect((call?.params as { model: ModelFile }).model.weights).toBeUndefined();
  });

  it('closes on Escape without starting, focus back on its button', () => {
    const { api } = setup(mlp(16), mlp(16));
    const open = screen.getByRole('button', { name: 'Continue training' });
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('Keep trained weights: dense, dense_1, dense_2 (3 layers)');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
    expect(api.calls.some((c) => c.method === 'training.start')).toBe(false);
  });
});
