// @vitest-environment jsdom
// The paused run's form in the controls: editable only while paused, Apply sends only the changed
// fields, Resume applies pending edits first, the optimizer and batch-size notes, a refusal shown at the
// field it names (the run staying paused), and a row per Dropout layer of the run's graph.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import { chain } from '../../../engine/testing/graphs';
import { templateModel } from '../files/templates';
import '../i18n';
import { pausedRunStore } from './fake-api';
import { TrainingControls } from './TrainingControls';
import { TrainingProvider } from './TrainingProvider';

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

async function setup(handlers: Parameters<typeof pausedRunStore>[1] = {}) {
  const { api, store } = await pausedRunStore(dropoutModel, {
    'datasets.list': () => [],
    'training.list': () => [],
    ...handlers,
  });
  render(
    <TrainingProvider api={api} store={store}>
      <TrainingControls model={dropoutModel} blockedReason={null} modelKey="doc" />
    </TrainingProvider>,
  );
  const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
  const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
  const adjustCalls = () => api.calls.filter((c) => c.method === 'training.adjust').map((c) => c.params);
  return { api, store, field, button, adjustCalls };
}

afterEach(cleanup);

describe('PausedSettingsForm', () => {
  it("shows the run's current values, editable, with a rate per Dropout layer", async () => {
    const { field, button } = await setup();
    expect(screen.getByRole('group', { name: 'Change while paused' })).toBeTruthy();
    expect(field('Learning rate').value).toBe('0.001');
    expect(field('Learning rate').matches(':disabled')).toBe(false);
    expect(field('dropout rate').value).toBe('0.5');
    expect(button('Apply').disabled).toBe(true); // nothing changed yet
    expect(button('Resume').disabled).toBe(false);
  });

  it('sends only the fields that changed, then shows the new values as current', async () => {
    const { field, button, adjustCalls, store } = await setup();
    fireEvent.change(field('Learning rate'), { target: { value: '0.0005' } });
    fireEvent.change(field('dropout rate'), { target: { value: '0.2' } });
    fireEvent.change(field('Batch size'), { target: { value: '32' } }); // the same as now: not sent
    fireEvent.click(button('Apply'));
    await waitFor(() =>
      expect(adjustCalls()).toEqual([
        { sessionId: 's1', changes: { learning_rate: 0.0005, dropout: { dropout: 0.2 } } },
      ]),
    );
    await waitFor(() => expect(button('Apply').disabled).toBe(true));
    fireEvent.blur(field('Learning rate'));
    expect(field('Learning rate').value).toBe('0.0005'); // from the run's adjustment, not the draft
    expect(store.getState().runs.s1?.adjustments).toHaveLength(1);
  });

  it('says that a new optimizer resets its state and that a batch size waits for the next epoch', async () => {
    const { field } = await setup();
    expect(screen.queryByText(/starts its state/)).toBeNull();
    fireEvent.change(screen.getByLabelText('Optimizer'), { target: { value: 'sgd' } });
    expect(screen.getByText('A new optimizer starts its state (moments) from zero.')).toBeTruthy();
    fireEvent.change(field('Batch size'), { target: { value: '64' } });
    expect(screen.getByText('The new batch size applies from the next epoch.')).toBeTruthy();
  });

  it('applies pending edits when Resume is pressed, then resumes', async () => {
    const { api, field, button, adjustCalls } = await setup();
    fireEvent.click(screen.getByLabelText('Early stopping'));
    fireEvent.change(field('Patience (epochs)'), { target: { value: '2' } });
    fireEvent.click(button('Apply and resume'));
    await waitFor(() => expect(api.calls.at(-1)?.method).toBe('training.resume'));
    expect(adjustCalls()).toEqual([
      { sessionId: 's1', changes: { early_stopping: { patience: 2, min_delta: 0 } } },
    ]);
  });

  it('shows a refusal beside the field it names and does not resume', async () => {
    const { api, field, button } = await setup({
      'training.adjust': () => {
        throw new ApiError({
          code: 'E_BAD_REQUEST',
          message: 'training.adjust: changes.batch_size: batch_size must be from 1 to 4096',
        });
      },
    });
    fireEvent.change(field('Batch size'), { target: { value: '100' } });
    fireEvent.click(button('Apply and resume'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('batch_size must be from 1 to 4096');
    // Right under the batch size field, not at the bottom of the form.
    expect(alert.previousElementSibling?.textContent).toContain('Batch size');
    expect(api.calls.some((c) => c.method === 'training.resume')).toBe(false);
    expect(field('Batch size').value).toBe('100'); // the edit is kept to correct it
  });

  it('keeps the usual locked settings while the run is running', async () => {
    const { api } = await setup();
    api.emit('s1', { type: 'state', state: 'running' });
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Change while paused' })).toBeNull());
    expect(screen.getByLabelText('Learning rate').matches(':disabled')).toBe(true);
  });
});
