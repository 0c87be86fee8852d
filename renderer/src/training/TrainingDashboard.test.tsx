// @vitest-environment jsdom
// The dashboard: chart containers report their point counts, tabs switch, the Runs tab shows and compares.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { batchEvent, fakeApi, startedEvent } from './fake-api';
import { createTrainingStore } from './training-store';
import { TrainingDashboard } from './TrainingDashboard';
import { TrainingProvider } from './TrainingProvider';

// jsdom has no layout: give the charts a fixed size instead of measuring their container.
vi.mock('recharts', async (original) => ({
  ...(await original<typeof import('recharts')>()),
  ResponsiveContainer: ({ children }: { children: ReactElement<{ width?: number; height?: number }> }) =>
    cloneElement(children, { width: 400, height: 200 }),
}));

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const epoch = (n: number, loss: number) =>
  ({
    type: 'epoch',
    epoch: n,
    loss,
    accuracy: 1 - loss,
    val_loss: loss,
    val_accuracy: 1 - loss,
    seconds: 1,
  }) as const;

async function setup() {
  let n = 0;
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: `s${++n}` }),
  });
  const store = createTrainingStore(api, { storage: null });
  render(
    <TrainingProvider api={api} store={store}>
      <TrainingDashboard />
    </TrainingProvider>,
  );
  await act(() => store.getState().start({ name: 'Tiny' } as never, 'm'));
  return { api, store };
}

const points = (id: string) => screen.getByTestId(id).getAttribute('data-points');

describe('TrainingDashboard', () => {
  it('feeds the charts the run’s batch and epoch points', async () => {
    const { api } = await setup();
    act(() => {
      api.emit('s1', startedEvent);
      for (let step = 1; step <= 30; step++) api.emit('s1', batchEvent(1, step, 1 / step));
      api.emit('s1', epoch(1, 0.3));
    });
    await waitFor(() => expect(points('chart-batch-loss')).toBe('30'));
    await waitFor(() => expect(points('chart-batch-accuracy')).toBe('30')); // trails the loss chart
    expect(points('chart-epoch-loss')).toBe('1');
    expect(points('chart-epoch-accuracy')).toBe('1');
    await waitFor(() =>
      expect(
        screen.getByTestId('chart-batch-loss').querySelector('path.recharts-line-curve')?.getAttribute('d'),
      ).toMatch(/^M/),
    );
    expect(screen.getByLabelText('Smoothing')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Log scale'));
    expect((screen.getByLabelText('Log scale') as HTMLInputElement).checked).toBe(true);
  });

  it('keeps the chart options when the user switches tabs and comes back', async () => {
    await setup();
    fireEvent.click(screen.getByLabelText('Log scale'));
    fireEvent.change(screen.getByLabelText('Smoothing'), { target: { value: '0.9' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Results' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
    expect((screen.getByLabelText('Log scale') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Smoothing') as HTMLInputElement).value).toBe('0.9');
  });

  it('lists the model’s runs, shows one and overlays another’s epochs', async () => {
    const { api, store } = await setup();
    act(() => {
      api.emit('s1', epoch(1, 0.5));
      api.emit('s1', epoch(2, 0.4));
      api.emit('s1', epoch(3, 0.35));
      api.emit('s1', { type: 'state', state: 'stopped' });
    });
    await act(() => store.getState().start({ name: 'Tiny' } as never, 'm'));
    act(() => api.emit('s2', epoch(1, 0.45)));

    fireEvent.click(screen.getByRole('tab', { name: 'Runs' }));
    expect(screen.getAllByRole('row')).toHaveLength(3); // header + 2 runs, newest first
    expect(screen.getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Run 2', 'Run 1']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    expect(store.getState().selectedRunIds).toEqual(['s1']);

    fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
    expect(points('chart-epoch-loss')).toBe('3'); // epochs 1..3 of the overlay beside the run's epoch 1

    fireEvent.click(screen.getByRole('tab', { name: 'Runs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show Run 1' }));
    expect(store.getState().activeRunId).toBe('s1');
  });

  it('shows the new run’s curves when Train is pressed again from another tab', async () => {
    const { api, store } = await setup();
    act(() => api.emit('s1', { type: 'state', state: 'stopped' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Results' }));
    expect(screen.getByRole('tab', { name: 'Results' }).getAttribute('aria-selected')).toBe('true');
    await act(() => store.getState().start({ name: 'Tiny' } as never, 'm'));
    act(() => api.emit('s2', { type: 'state', state: 'running' }));
    expect(screen.getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).toBe('true');
  });
});
