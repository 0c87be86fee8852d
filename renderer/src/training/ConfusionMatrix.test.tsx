// @vitest-environment jsdom
// The results: test accuracy, the confusion matrix cells and the test images shown for a clicked cell.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletedEvent } from '../../../engine/api/events';
import '../i18n';
import { ConfusionMatrix, cellShade } from './ConfusionMatrix';
import { fakeApi, startedEvent } from './fake-api';
import { ResultsPanel } from './ResultsPanel';
import { createTrainingStore } from './training-store';
import { TrainingProvider } from './TrainingProvider';

afterEach(cleanup);

const confusion = Array.from({ length: 10 }, (_, t) =>
  Array.from({ length: 10 }, (_, p) => (t === p ? 90 : t === 3 && p === 5 ? 12 : 0)),
);

describe('ConfusionMatrix', () => {
  it('renders a 10×10 grid of named cells and reports the clicked one', () => {
    const clicks: [number, number][] = [];
    render(
      <ConfusionMatrix
        confusion={confusion}
        classNames={[]}
        selected={null}
        onSelect={(l, p) => clicks.push([l, p])}
      />,
    );
    const cells = screen.getAllByRole('button');
    expect(cells).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'True 3, predicted 5: 12' }));
    fireEvent.click(screen.getByRole('button', { name: 'True 0, predicted 0: 90' }));
    expect(clicks).toEqual([
      [3, 5],
      [0, 0],
    ]);
  });

  it('shades by the share of the row', () => {
    expect(cellShade(0, 100)).toBe(0);
    expect(cellShade(25, 100)).toBe(0.5);
    expect(cellShade(3, 0)).toBe(0);
  });
});

describe('ResultsPanel', () => {
  it('shows the test accuracy and, for a clicked cell, that pair’s misclassified test images', async () => {
    const completed: CompletedEvent = {
      type: 'completed',
      test_loss: 0.0512,
      test_accuracy: 0.98491,
      confusion,
      per_class_accuracy: Array.from({ length: 10 }, () => 0.9),
      misclassified: [
        { index: 7, label: 3, predicted: 5 },
        { index: 11, label: 2, predicted: 5 },
        { index: 42, label: 3, predicted: 5 },
      ],
      stopped_early: false,
      best_epoch: null,
      train_samples_per_second: 4000,
      epoch_seconds: [10],
    };
    const api = fakeApi({
      'training.list': () => [],
      'datasets.list': () => [
        {
          id: 'mnist',
          name: 'MNIST',
          available: true,
          reason: null,
          classNames: 'zero one two three four five six seven eight nine'.split(' '),
          shape: [28, 28, 1],
        },
      ],
      'training.start': () => ({ sessionId: 's1' }),
      'datasets.images': ({ indices }) => ({
        shape: [28, 28, 1],
        pixels: btoa(String.fromCharCode(...new Uint8Array(784 * indices.length).fill(128))),
        labels: indices.map((i) => i % 10),
      }),
      'training.predict': () => ({ probabilities: [0.1, 0.9, 0, 0, 0, 0, 0, 0, 0, 0] }),
    });
    const store = createTrainingStore(api, { storage: null });
    render(
      <TrainingProvider api={api} store={store}>
        <ResultsPanel />
      </TrainingProvider>,
    );
    expect(screen.getByText('Results appear here when a run completes.')).toBeTruthy();
    await act(() => store.getState().start({ name: 'Tiny' } as never, 'm'));
    act(() => {
      api.emit('s1', startedEvent);
      api.emit('s1', completed);
    });
    expect(screen.getByTestId('test-accuracy').textContent).toBe('98.49%');

    fireEvent.click(await screen.findByRole('button', { name: 'True three, predicted five: 12' }));
    const images = await screen.findByRole('region', {
      name: 'Test images of class three predicted as five',
    });
    await waitFor(() => expect(images.querySelectorAll('img')).toHaveLength(2));
    const request = api.calls.find(
      (c) => c.method === 'datasets.images' && (c.params as { indices: number[] }).indices.length === 2,
    );
    expect(request?.params).toEqual({ dataset: 'mnist', split: 'test', indices: [7, 42] });
    expect(images.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/bmp;base64,/);
    expect(screen.getByRole('img', { name: 'Test image 42, label two' })).toBeTruthy();

    // The gallery predicts the first test images with the trained session.
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'training.predict').length).toBe(24));
    expect(api.calls.find((c) => c.method === 'training.predict')?.params).toMatchObject({ sessionId: 's1' });
    expect(screen.getByRole('img', { name: 'Drawing pad' })).toBeTruthy();
  });
});
