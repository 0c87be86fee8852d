// @vitest-environment jsdom
// The inspector's look at the selected layer's activations: with the activations view on and a reply
// in the look-inside store, every channel the reply holds in one grid, and the layer's trained 4-D
// kernel as one image per filter (mean over input channels, normalised). Also: a misclassified test
// image in the results picks itself as the activations view's input, and the picker asks for it.
import '../i18n';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerActivation } from '../../../engine/api/contract';
import { bytesToBase64, float32Bytes } from '../../../engine/formats/weights';
import { EditorProvider } from '../editor/EditorContext';
import { createEditorStore } from '../editor/editor-store';
import { templateModel } from '../files/templates';
import { fakeApi, TINY_MODEL } from '../training/fake-api';
import { MisclassifiedImages } from '../training/MisclassifiedImages';
import { createTrainingStore } from '../training/training-store';
import { TrainingProvider } from '../training/TrainingProvider';
import { ActivationsPicker } from './ActivationsPicker';
import { kernelImages } from './kernel-images';
import { LayerActivationsSection } from './LayerActivationsSection';
import { createLookInsideStore } from './look-inside-store';
import { LookInsideProvider } from './LookInsideContext';

afterEach(cleanup);

/** conv2d's output: 12 channels of 2x2, channel c holding c, c+1, c+2, c+3. */
const convReply: LayerActivation = {
  name: 'conv2d',
  type: 'Conv2D',
  shape: [2, 2, 12],
  stats: {} as never,
  maps: {
    height: 2,
    width: 2,
    channels: 32,
    data: Array.from({ length: 12 }, (_, c) => [c, c + 1, c + 2, c + 3]),
  },
};

/** A (2, 2, 2, 3) kernel: filter f's input channel c at (y, x) holds (y * 2 + x) * (f + 1) * (c ? 3 : 1). */
function kernelValues(): Float32Array {
  const v = new Float32Array(2 * 2 * 2 * 3);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 2; x++)
      for (let c = 0; c < 2; c++)
        for (let f = 0; f < 3; f++) v[((y * 2 + x) * 2 + c) * 3 + f] = (y * 2 + x) * (f + 1) * (c ? 3 : 1);
  return v;
}

function api() {
  return fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: 's1' }),
    'datasets.images': ({ indices }: { indices: number[] }) => ({
      shape: [2, 2, 1],
      pixels: btoa(String.fromCharCode(...indices.flatMap((i: number) => [0, 0, 0, 0].map(() => i)))),
      labels: indices.map((i: number) => i % 10),
    }),
    'inference.load': () => ({ modelId: 'm1', inputShape: [2, 2, 1], outputShape: [3] }),
    'inference.activations': () => ({ layers: [convReply] }),
  } as never);
}

async function setup(view: 'health' | 'activations' = 'activations') {
  const fake = api();
  const editor = createEditorStore(templateModel('mnist-cnn'));
  const training = createTrainingStore(fake, { storage: null });
  const inside = createLookInsideStore({ view });
  render(
    <EditorProvider store={editor}>
      <TrainingProvider api={fake} store={training}>
        <LookInsideProvider store={inside}>
          <LayerActivationsSection nodeId="conv1" />
        </LookInsideProvider>
      </TrainingProvider>
    </EditorProvider>,
  );
  await act(() => training.getState().start(TINY_MODEL, 'doc'));
  act(() => training.getState().setModelKey('doc'));
  return { training, inside };
}

describe('the inspector’s activations of a layer', () => {
  it('shows every channel the reply holds in one grid, 8 to a row', async () => {
    const { inside } = await setup();
    expect(screen.queryByTestId('inspector-channel-grid')).toBeNull();
    act(() => inside.getState().setActivations([convReply]));
    const grid = screen.getByTestId('inspector-channel-grid');
    const img = grid.querySelector('img')!;
    expect(img.dataset.channels).toBe('12');
    // 8 columns of 2 px with 1 px gaps; 2 rows.
    expect(img.getAttribute('width')).toBe('23');
    expect(img.getAttribute('height')).toBe('5');
    expect(img.getAttribute('alt')).toBe('Output of conv2d: 2×2×12');
    expect(grid.textContent).toContain('12 of 32 channels');
  });

  it('shows nothing outside the activations view', async () => {
    const { inside } = await setup('health');
    act(() => inside.getState().setActivations([convReply]));
    expect(screen.queryByTestId('inspector-activations')).toBeNull();
  });

  it('draws the trained kernel as one image per filter', async () => {
    const { training } = await setup();
    const data = bytesToBase64(float32Bytes(kernelValues()));
    act(() =>
      training.setState({
        weights: {
          s1: { dtype: 'float32', tensors: [{ name: 'conv2d/kernel', shape: [2, 2, 2, 3], data }] },
        },
      }),
    );
    const kernels = screen.getByTestId('inspector-kernels');
    const images = kernels.querySelectorAll('img');
    expect(images).toHaveLength(3);
    expect(images[2]?.getAttribute('alt')).toBe('Filter 3');
    expect(images[0]?.getAttribute('src')).toMatch(/^data:image\/bmp;base64,/);
  });
});

describe('kernelImages', () => {
  it('averages each filter over its input channels and stretches it to 0..255', () => {
    const images = kernelImages([2, 2, 2, 3], kernelValues());
    expect(images).toHaveLength(3);
    // Every filter is (y * 2 + x) times a constant: 0, 1/3, 2/3, 1 of its range.
    for (const image of images) expect([...image.pixels]).toEqual([0, 85, 170, 255]);
    expect(kernelImages([1, 1, 1, 1], [5])[0]?.pixels[0]).toBe(128); // a flat filter is mid-grey
  });
});

describe('a misclassified image as the input', () => {
  it('switches to the activations view with that test image, which the picker then asks for', async () => {
    const fake = api();
    const training = createTrainingStore(fake, { storage: null });
    const inside = createLookInsideStore();
    render(
      <TrainingProvider api={fake} store={training}>
        <LookInsideProvider store={inside}>
          <MisclassifiedImages
            dataset="mnist"
            misclassified={[{ index: 42, label: 2, predicted: 7 }]}
            label={2}
            predicted={7}
            classNames={[]}
            onClose={() => undefined}
          />
          <ActivationsPicker />
        </LookInsideProvider>
      </TrainingProvider>,
    );
    await act(() => training.getState().start(TINY_MODEL, 'doc'));
    act(() => training.getState().setModelKey('doc'));
    act(() => training.setState({ weights: { s1: { dtype: 'float32', tensors: [] } } }));
    const look = await screen.findByRole('button', { name: 'Look inside the model with test image 42' });
    fireEvent.click(look);
    expect(inside.getState().view).toBe('activations');
    expect(inside.getState().input).toEqual({ kind: 'test', index: 42 });
    await waitFor(() => expect(inside.getState().activations?.get('conv2d')).toEqual(convReply));
    const call = fake.calls.find((c) => c.method === 'inference.activations');
    expect(call?.params).toEqual({ modelId: 'm1', image: Array(4).fill(42 / 255) });
    // The picked image joins the picker's row, pressed.
    const pressed = screen
      .getAllByTestId('inside-test-image')
      .filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((b) => b.getAttribute('title'))).toEqual(['Test image 43 (label 2)']);
  });
});
