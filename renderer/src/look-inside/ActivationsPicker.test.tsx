// @vitest-environment jsdom
// The activations picker: without a finished run it says what to do; with one, a chosen test image is
// sent to inference.activations on the run's loaded model and the reply fills the look-inside store.
import '../i18n';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerActivation } from '../../../engine/api/contract';
import { fakeApi, TINY_MODEL } from '../training/fake-api';
import { createTrainingStore } from '../training/training-store';
import { TrainingProvider } from '../training/TrainingProvider';
import { ActivationsPicker } from './ActivationsPicker';
import { LookInsidePanel } from './LookInsidePanel';
import { createLookInsideStore } from './look-inside-store';
import { LookInsideProvider } from './LookInsideContext';

afterEach(cleanup);

const reply: LayerActivation[] = [
  { name: 'dense', type: 'Dense', shape: [3], stats: {} as never, vector: { length: 3, data: [1, 2, 3] } },
];

async function setup(panel = false) {
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: 's1' }),
    'datasets.images': ({ indices }: { indices: number[] }) => ({
      shape: [2, 2, 1],
      // image i: four pixels of value 20 * (i + 1)
      pixels: btoa(
        String.fromCharCode(...indices.flatMap((i: number) => [0, 0, 0, 0].map(() => 20 * (i + 1)))),
      ),
      labels: indices.map((i: number) => i % 10),
    }),
    'inference.load': () => ({ modelId: 'm1', inputShape: [2, 2, 1], outputShape: [3] }),
    'inference.activations': () => ({ layers: reply }),
  } as never);
  const training = createTrainingStore(api, { storage: null });
  const inside = createLookInsideStore({ view: 'activations' });
  render(
    <TrainingProvider api={api} store={training}>
      <LookInsideProvider store={inside}>
        {panel ? <LookInsidePanel /> : <ActivationsPicker />}
      </LookInsideProvider>
    </TrainingProvider>,
  );
  await act(() => training.getState().start(TINY_MODEL, 'doc'));
  act(() => training.getState().setModelKey('doc'));
  return { api, training, inside };
}

describe('ActivationsPicker', () => {
  it('asks for a finished run first', async () => {
    await setup();
    expect(screen.getByTestId('inside-no-run').textContent).toMatch(/Train a run to the end/);
  });

  it('sends the chosen test image, scaled to 0..1, and keeps the reply by layer name', async () => {
    const { api, training, inside } = await setup();
    act(() => training.setState({ weights: { s1: { dtype: 'float32', tensors: [] } } }));
    await waitFor(() => expect(api.calls.map((c) => c.method)).toContain('datasets.images'));
    const images = await screen.findAllByTestId('inside-test-image');
    expect(images).toHaveLength(8);
    fireEvent.click(images[1]!);
    await waitFor(() => expect(inside.getState().activations?.get('dense')).toEqual(reply[0]));
    const call = api.calls.find((c) => c.method === 'inference.activations');
    expect(call?.params).toEqual({ modelId: 'm1', image: Array(4).fill(40 / 255) });
    expect(images[1]!.getAttribute('aria-pressed')).toBe('true');
  });

  it('drops the activations when another document (and so no run) is on show', async () => {
    const { training, inside } = await setup(true);
    act(() => training.setState({ weights: { s1: { dtype: 'float32', tensors: [] } } }));
    fireEvent.click((await screen.findAllByTestId('inside-test-image'))[0]!);
    await waitFor(() => expect(inside.getState().activations?.size).toBe(1));
    act(() => training.getState().setModelKey('another document'));
    expect(inside.getState().activations).toBeNull();
    expect(screen.getByTestId('inside-no-run')).toBeTruthy();
  });
});
