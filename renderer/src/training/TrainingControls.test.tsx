// @vitest-environment jsdom
// The controls: Train disabled with its reason, Pause/Resume/Stop enabled per run state, progress, errors.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import '../i18n';
import { TINY_MODEL, batchEvent, fakeApi, startedEvent } from './fake-api';
import { TrainingControls } from './TrainingControls';
import { createTrainingStore } from './training-store';
import { TrainingProvider } from './TrainingProvider';

const model = TINY_MODEL;
const datasets = [
  { id: 'mnist', name: 'MNIST', available: true, reason: null, classNames: [], shape: [28, 28, 1] },
  {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    available: false,
    reason: 'not downloaded',
    classNames: [],
    shape: [28, 28, 1],
  },
];

function setup(props: { model?: ModelFile | null; blockedReason?: string | null } = {}) {
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => datasets,
    'training.start': () => ({ sessionId: 's1' }),
    'training.pause': () => ({ state: 'running' }),
    'training.stop': () => ({ state: 'running' }),
  });
  const store = createTrainingStore(api, { storage: null });
  render(
    <TrainingProvider api={api} store={store}>
      <TrainingControls
        model={props.model === undefined ? model : props.model}
        blockedReason={props.blockedReason ?? null}
        modelKey="m"
      />
    </TrainingProvider>,
  );
  const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
  return { api, store, button };
}

afterEach(cleanup);

describe('TrainingControls', () => {
  it('disables Train with the reason shown when training is blocked', () => {
    const { button } = setup({ model: null, blockedReason: 'Connect the Input layer to an output.' });
    const train = button('Train');
    expect(train.disabled).toBe(true);
    expect(train.title).toBe('Connect the Input layer to an output.');
    const describedBy = train.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toBe('Connect the Input layer to an output.');
    expect(screen.getByText('Connect the Input layer to an output.')).toBeTruthy();
    for (const name of ['Pause', 'Resume', 'Stop']) expect(button(name).disabled).toBe(true);
  });

  it('lists the datasets with the unavailable ones disabled, and labels every setting', async () => {
    setup();
    const select = (await screen.findByLabelText('Dataset')) as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(2));
    const fashion = screen.getByRole('option', { name: /Fashion-MNIST/ }) as HTMLOptionElement;
    expect(fashion.disabled).toBe(true);
    expect(fashion.textContent).toContain('not downloaded');
    for (const label of [
      'Epochs',
      'Batch size',
      'Optimizer',
      'Learning rate',
      'Validation split',
      'Seed',
      'Early stopping',
      'Patience (epochs)',
      'Limit samples',
    ])
      expect(screen.getByLabelText(label)).toBeTruthy();
    expect((screen.getByLabelText('Epochs') as HTMLInputElement).value).toBe('5');
  });

  it('starts with the edited settings and enables Pause/Resume/Stop as the run state changes', async () => {
    const { api, store, button } = setup();
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '2' } });
    expect(store.getState().settings.epochs).toBe(2);
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '0' } });
    expect(screen.getByLabelText('Epochs').getAttribute('aria-invalid')).toBe('true');
    expect(store.getState().settings.epochs).toBe(2);

    fireEvent.click(button('Train'));
    await waitFor(() => expect(store.getState().runs.s1).toBeDefined());
    expect(api.calls.find((c) => c.method === 'training.start')?.params).toMatchObject({
      run: { epochs: 2 },
    });
    expect(button('Train').disabled).toBe(true);
    expect(button('Train').title).toMatch(/in progress/);
    expect(screen.getByLabelText('Epochs').matches(':disabled')).toBe(true); // the fieldset is locked

    act(() => {
      api.emit('s1', startedEvent);
      api.emit('s1', batchEvent(1, 40));
      api.emit('s1', { type: 'progress', fraction: 0.2, eta_seconds: 75 });
    });
    expect([button('Pause').disabled, button('Resume').disabled, button('Stop').disabled]).toEqual([
      false,
      true,
      false,
    ]);
    const bar = screen.getByRole('progressbar', { name: 'Training progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('20');
    expect(screen.getByText('Epoch 1/2 · step 40/100 · ETA 1:15 · 1,234 samples/s')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Run 1: training');

    fireEvent.click(button('Pause'));
    await waitFor(() =>
      expect(api.calls.at(-1)).toEqual({ method: 'training.pause', params: { sessionId: 's1' } }),
    );
    act(() => api.emit('s1', { type: 'state', state: 'paused' }));
    expect([button('Pause').disabled, button('Resume').disabled, button('Stop').disabled]).toEqual([
      true,
      false,
      false,
    ]);
    // While paused the controls name the way out, and the ETA does not pretend to count down.
    expect(screen.getByText('Paused — Resume or Stop')).toBeTruthy();
    expect(screen.queryByText(/A run is in progress/)).toBeNull();
    expect(screen.getByText(/ETA paused/)).toBeTruthy();

    act(() => api.emit('s1', { type: 'state', state: 'stopped' }));
    expect([button('Pause').disabled, button('Resume').disabled, button('Stop').disabled]).toEqual([
      true,
      true,
      true,
    ]);
    expect(button('Train').disabled).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('Run 1: stopped');
  });

  it('shows a failed start with the model issues', async () => {
    const { api, button } = setup();
    api.handlers['training.start'] = () => {
      throw new ApiError({
        code: 'E_INVALID_MODEL',
        message: 'the model is invalid',
        issues: [{ code: 'E_CYCLE', message: 'the graph has a cycle', where: {} }],
      });
    };
    fireEvent.click(button('Train'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Training could not start: the model is invalid');
    expect(alert.textContent).toContain('the graph has a cycle');
  });

  it('shows a failed run as an alert', async () => {
    const { api, store } = setup();
    await act(() => store.getState().start(model, 'm'));
    act(() => api.emit('s1', { type: 'failed', message: 'the loss became NaN' }));
    expect(screen.getByRole('alert').textContent).toBe('the loss became NaN');
  });
});
