// @vitest-environment jsdom
// The one-line status bar: Train while idle, Pause and Stop while a run is live, Resume and the paused
// hint while paused; its run buttons and progress bar only while the dock is collapsed.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { TINY_MODEL, batchEvent, fakeApi, startedEvent } from '../training/fake-api';
import { createTrainingStore } from '../training/training-store';
import { TrainingProvider } from '../training/TrainingProvider';
import { DockStatusBar } from './DockStatusBar';
import type { DockMode } from './useDockLayout';

function setup(mode: DockMode) {
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: 's1' }),
    'training.pause': () => ({ state: 'running' }),
  });
  const store = createTrainingStore(api, { storage: null });
  const onToggleOpen = vi.fn();
  const view = (m: DockMode) => (
    <TrainingProvider api={api} store={store}>
      <DockStatusBar
        mode={m}
        bodyId="body"
        onToggleOpen={onToggleOpen}
        onToggleMaximized={() => undefined}
        model={TINY_MODEL}
        blockedReason={null}
        modelKey="m"
      />
    </TrainingProvider>
  );
  const { rerender } = render(view(mode));
  const bar = screen.getByTestId('dock-status-bar');
  const buttons = () => [...bar.querySelectorAll('button')].map((b) => b.textContent?.trim());
  return { api, store, bar, buttons, onToggleOpen, setMode: (m: DockMode) => rerender(view(m)) };
}

afterEach(cleanup);

describe('DockStatusBar', () => {
  it('runs, pauses and stops from one line while the dock is collapsed', async () => {
    const { api, store, bar, buttons, onToggleOpen } = setup('collapsed');
    expect(buttons()).toEqual(['▴ Show training', 'Train', 'Maximize training']);
    fireEvent.click(screen.getByRole('button', { name: 'Show training' }));
    expect(onToggleOpen).toHaveBeenCalled();

    await act(() => store.getState().start(TINY_MODEL, 'm'));
    act(() => {
      api.emit('s1', startedEvent);
      api.emit('s1', batchEvent(1, 40, 0.25));
      api.emit('s1', { type: 'progress', fraction: 0.2, eta_seconds: 75 });
    });
    expect(buttons()).toEqual(['▴ Show training', 'Pause', 'Stop', 'Maximize training']);
    expect(screen.getByRole('progressbar', { name: 'Training progress' }).getAttribute('aria-valuenow')).toBe(
      '20',
    );
    expect(screen.getByTestId('dock-status-details').textContent).toContain('loss 0.25');
    expect(screen.getByTestId('dock-status-details').textContent).toContain('ETA 1:15');

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(api.calls.at(-1)?.method).toBe('training.pause'));
    act(() => api.emit('s1', { type: 'state', state: 'paused' }));
    expect(bar.textContent).toContain('Paused — Resume or Stop');
    expect(screen.getByTestId('dock-status-details').textContent).toContain('ETA paused');
    expect(buttons()).toEqual(['▴ Show training', 'Resume', 'Stop', 'Maximize training']);
  });

  it('leaves the run buttons and the progress role to the open dock', async () => {
    const { store, buttons, setMode } = setup('collapsed');
    await act(() => store.getState().start(TINY_MODEL, 'm'));
    setMode('open');
    expect(buttons()).toEqual(['▾ Hide training', 'Maximize training']);
    expect(screen.queryByRole('progressbar')).toBeNull();
    setMode('maximized');
    expect(buttons()).toEqual(['▾ Hide training', 'Restore the canvas']);
  });
});
