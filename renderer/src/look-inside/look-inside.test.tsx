// @vitest-environment jsdom
// Looking inside on the canvas, without React Flow: the node parts read the run on show's statistics
// (badges, time bars) and the look-inside store's activations (thumbnails), and the view switch
// chooses which of them show.
import '../i18n';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerActivation } from '../../../engine/api/contract';
import type { LayerStatistics, LayerStatsEvent } from '../../../engine/api/events';
import { EditorProvider } from '../editor/EditorContext';
import { createEditorStore } from '../editor/editor-store';
import { templateModel } from '../files/templates';
import { fakeApi, TINY_MODEL } from '../training/fake-api';
import { createTrainingStore } from '../training/training-store';
import { TrainingProvider } from '../training/TrainingProvider';
import { ActivationThumb } from './ActivationThumb';
import { HealthBadge } from './HealthBadge';
import { createLookInsideStore } from './look-inside-store';
import { LookInsideProvider } from './LookInsideContext';
import { TimeBar } from './TimeBar';
import { ViewSwitch } from './ViewSwitch';

afterEach(cleanup);

function layer(name: string, type: string, extra: Partial<LayerStatistics> = {}): LayerStatistics {
  return {
    name,
    type,
    output: { mean: 0.2, std: 0.3, zero_fraction: 0.1, saturated_fraction: 0 },
    gradient_norm: 0.1,
    weights: [{ name: 'kernel', norm: 2, gradient_norm: 0.1, update_ratio: 0.001 }],
    forward_ms: 1,
    backward_ms: 1,
    ...extra,
  };
}

const statsEvent: LayerStatsEvent = {
  type: 'layer_stats',
  epoch: 1,
  step: 1875,
  final_of_epoch: true,
  layers: [
    layer('conv2d', 'Conv2D', {
      output: { mean: 0, std: 0, zero_fraction: 0.95, saturated_fraction: 0 },
      forward_ms: 3,
      backward_ms: 3,
    }),
    layer('conv2d_1', 'Conv2D', { forward_ms: 1, backward_ms: 1 }),
    layer('dense_1', 'Dense', {
      forward_ms: 1,
      backward_ms: 1,
      weights: [{ name: 'dense_1/kernel', norm: 2, gradient_norm: 0.1, update_ratio: 0.05 }],
    }),
  ],
};

// The part of each node under test, for three nodes of the MNIST CNN template.
const NODES = [
  ['conv1', 'conv2d'],
  ['conv2', 'conv2d_1'],
  ['output', 'dense_1'],
  ['flatten', 'flatten'],
] as const;

async function setup() {
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: 's1' }),
  });
  const editor = createEditorStore(templateModel('mnist-cnn'));
  const training = createTrainingStore(api, { storage: null });
  const inside = createLookInsideStore();
  render(
    <EditorProvider store={editor}>
      <TrainingProvider api={api} store={training}>
        <LookInsideProvider store={inside}>
          <ViewSwitch />
          {NODES.map(([id, name]) => (
            <div key={id} data-node={id}>
              <HealthBadge id={id} name={name} />
              <TimeBar id={id} name={name} />
              <ActivationThumb id={id} name={name} />
            </div>
          ))}
        </LookInsideProvider>
      </TrainingProvider>
    </EditorProvider>,
  );
  await act(() => training.getState().start(TINY_MODEL, 'doc'));
  act(() => training.getState().setModelKey('doc'));
  return { api, training, inside };
}

const inNode = (id: string, testId: string) =>
  document.querySelector(`[data-node="${id}"] [data-testid="${testId}"]`) as HTMLElement | null;

describe('look inside', () => {
  it('shows no badge before the run on show has statistics', async () => {
    await setup();
    expect(screen.queryAllByTestId('node-health')).toHaveLength(0);
  });

  it('gives each layer with statistics a badge whose level, icon and words come from the health rules', async () => {
    const { api } = await setup();
    act(() => api.emit('s1', statsEvent));
    const conv = inNode('conv1', 'node-health')!;
    expect(conv.dataset.level).toBe('problem');
    expect(conv.querySelector('[aria-hidden]')?.textContent).toBe('✕');
    const tip = conv.querySelector('[role="tooltip"]');
    expect(tip?.textContent).toContain(
      '95% of the ReLU outputs of conv2d are zero: lower the learning rate, or use he_normal initialisation or LeakyReLU.',
    );
    expect(tip?.textContent).toContain('Epoch 1, step 1875');
    expect(conv.getAttribute('aria-describedby')).toBe(tip?.id);
    expect(conv.tabIndex).toBe(0); // reachable from the keyboard
    const good = inNode('conv2', 'node-health')!;
    expect(good.dataset.level).toBe('good');
    expect(good.textContent).toContain('Nothing unusual in the latest statistics of conv2d_1.');
    const fast = inNode('output', 'node-health')!;
    expect(fast.dataset.level).toBe('warning');
    expect(fast.querySelector('[aria-hidden]')?.textContent).toBe('▲');
    expect(fast.textContent).toContain(
      'One step changes the kernel of dense_1 by 5.0% of its size: the learning rate is likely too high',
    );
    expect(inNode('flatten', 'node-health')).toBeNull(); // no statistics for it in the event
  });

  it('marks the layer where a failed run diverged as a problem, saying so first', async () => {
    const { api } = await setup();
    act(() => api.emit('s1', statsEvent));
    act(() =>
      api.emit('s1', {
        type: 'failed',
        message: "the output of layer 'conv2d_1' grew 4.1e+4-fold since the first batch …",
        origin: { layer: 'conv2d_1', where: 'output', cause: 'exploded', growth: 41234, epoch: 2, step: 7 },
      }),
    );
    const origin = inNode('conv2', 'node-health')!;
    expect(origin.dataset.level).toBe('problem'); // 'good' on its statistics alone
    expect(origin.querySelector('.health-tip__line')?.textContent).toBe(
      'Training diverged here: the output of conv2d_1 grew first, over a thousandfold (epoch 2, batch 7). Lower the learning rate, or add BatchNormalization before it.',
    );
    expect(inNode('output', 'node-health')?.dataset.level).toBe('warning'); // the others keep theirs
  });

  it('shows the badge only for the open document’s run', async () => {
    const { api, training } = await setup();
    act(() => api.emit('s1', statsEvent));
    act(() => training.getState().setModelKey('another document'));
    expect(screen.queryAllByTestId('node-health')).toHaveLength(0);
  });

  it('switches to time bars sized by each layer’s share of the time, with the milliseconds in text', async () => {
    const { api } = await setup();
    act(() => api.emit('s1', statsEvent));
    expect(screen.queryAllByTestId('node-time')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Time' }));
    expect(screen.getByRole('button', { name: 'Time' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryAllByTestId('node-health')).toHaveLength(0);
    const conv = inNode('conv1', 'node-time')!;
    expect(conv.textContent).toBe('6.00 ms · 60%');
    expect((conv.querySelector('.inside-time__fill') as HTMLElement).style.width).toBe('60%');
    expect(conv.getAttribute('aria-label')).toBe('conv2d: 6.00 ms per batch, 60% of the training time');
    expect(inNode('output', 'node-time')?.textContent).toBe('2.00 ms · 20%');
  });

  it('draws thumbnails from an activations reply: tiled maps, and the output’s probabilities', async () => {
    const { inside } = await setup();
    const maps: LayerActivation = {
      name: 'conv2d',
      type: 'Conv2D',
      shape: [26, 26, 32],
      stats: { mean: 0, std: 1, min: 0, max: 1, zero_fraction: 0.5 } as never,
      maps: {
        height: 2,
        width: 2,
        channels: 32,
        data: Array.from({ length: 32 }, (_, c) => [0, c, 2 * c, 3]),
      },
    };
    const probabilities = [0.01, 0.01, 0.9, 0.01, 0.01, 0.02, 0.01, 0.01, 0.01, 0.01];
    const output: LayerActivation = {
      name: 'dense_1',
      type: 'Dense',
      shape: [10],
      stats: {} as never,
      vector: { length: 10, data: probabilities },
    };
    act(() => inside.getState().setView('activations'));
    expect(screen.queryAllByTestId('node-activation')).toHaveLength(0);
    act(() => inside.getState().setActivations([maps, output]));
    const image = inNode('conv1', 'node-activation')?.querySelector('img');
    expect(image?.getAttribute('alt')).toBe('Output of conv2d: 26×26×32');
    expect(image?.getAttribute('src')).toMatch(/^data:image\/bmp;base64,/);
    expect([image?.getAttribute('width'), image?.getAttribute('height')]).toEqual(['11', '5']); // 4×2 tiles of 2×2
    expect(inNode('conv1', 'node-activation')?.textContent).toContain('8 of 32 channels');
    const strip = inNode('output', 'node-activation')!;
    expect(strip.querySelectorAll('rect')).toHaveLength(10);
    expect(strip.querySelector('rect.is-top')).toBe(strip.querySelectorAll('rect')[2]);
    expect(screen.getByTestId('node-prediction').textContent).toBe('2: 90%');
    expect(inNode('conv2', 'node-activation')).toBeNull(); // no output of its in the reply
  });
});
