// @vitest-environment jsdom
// The inspector's look at a layer over its run: line charts from the run on show's statistics history
// (with the epoch ends the capped history dropped), and per-epoch kernel histograms from the epoch-end
// events. Nothing shows before the run has statistics for the layer.
import '../i18n';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerStatistics, LayerStatsEvent } from '../../../engine/api/events';
import { histogram } from '../../../engine/training/histogram';
import { EditorProvider } from '../editor/EditorContext';
import { createEditorStore } from '../editor/editor-store';
import { templateModel } from '../files/templates';
import { fakeApi, TINY_MODEL } from '../training/fake-api';
import { LAYER_STATS_HISTORY } from '../training/layer-stats-history';
import { createTrainingStore } from '../training/training-store';
import { TrainingProvider } from '../training/TrainingProvider';
import { ridgePath } from './HistogramRidges';
import { LayerStatsSection } from './LayerStatsSection';
import { layerStatsRows } from './layer-stats-series';

afterEach(cleanup);

function conv(step: number, final: boolean, epoch: number): LayerStatistics {
  const kernel = Array.from({ length: 50 }, (_, i) => (i - 25) * 0.01 * epoch);
  return {
    name: 'conv2d',
    type: 'Conv2D',
    output: { mean: 0.2, std: 0.3, zero_fraction: 0.25, saturated_fraction: 0 },
    gradient_norm: 1 / step,
    weights: [
      {
        name: 'conv2d/kernel',
        norm: 2,
        gradient_norm: 0.1,
        update_ratio: step === 1 ? 0 : 0.001,
        ...(final
          ? { histograms: { values: histogram(kernel), gradients: histogram(kernel.map((v) => v / 10)) } }
          : {}),
      },
      { name: 'conv2d/bias', norm: 0, gradient_norm: 0.1, update_ratio: 0.5 },
    ],
    forward_ms: 1,
    backward_ms: 1,
  };
}

const event = (epoch: number, step: number, final = false): LayerStatsEvent => ({
  type: 'layer_stats',
  epoch,
  step,
  final_of_epoch: final,
  layers: [conv(step, final, epoch)],
});

async function setup(nodeId = 'conv1') {
  const api = fakeApi({
    'training.list': () => [],
    'datasets.list': () => [],
    'training.start': () => ({ sessionId: 's1' }),
  });
  const editor = createEditorStore(templateModel('mnist-cnn'));
  const training = createTrainingStore(api, { storage: null });
  render(
    <EditorProvider store={editor}>
      <TrainingProvider api={api} store={training}>
        <LayerStatsSection nodeId={nodeId} />
      </TrainingProvider>
    </EditorProvider>,
  );
  await act(() => training.getState().start(TINY_MODEL, 'doc'));
  act(() => training.getState().setModelKey('doc'));
  return { api, training };
}

describe('the inspector’s statistics of a layer', () => {
  it('shows nothing before the run on show has statistics', async () => {
    await setup();
    expect(screen.queryByTestId('inspector-stats')).toBeNull();
  });

  it('charts the gradient norm, the kernel’s update ratio and the dead fraction at each sampled step', async () => {
    const { api } = await setup();
    act(() => {
      for (let step = 1; step <= 100; step += 33) api.emit('s1', event(1, step));
      api.emit('s1', event(1, 100, true));
    });
    expect(screen.getByRole('heading', { name: 'conv2d during training' })).toBeTruthy();
    expect(screen.getByTestId('inspector-stats-gradient').dataset.points).toBe('5');
    expect(screen.getByTestId('inspector-stats-dead').dataset.points).toBe('5');
    // The update ratio is the kernel's (not the bias's 0.5), and its 0 at step 1 has no place on a log axis.
    expect(screen.getByTestId('inspector-stats-update').textContent).toContain('Kernel update ratio');
  });

  it('keeps the early epochs’ ends once the capped history has dropped them', async () => {
    const { api, training } = await setup();
    act(() => {
      api.emit('s1', event(1, 10, true));
      for (let step = 1; step <= LAYER_STATS_HISTORY; step++) api.emit('s1', event(2, step));
    });
    const stats = training.getState().layerStats.s1!;
    const rows = layerStatsRows(stats, 'conv2d');
    expect(rows).toHaveLength(LAYER_STATS_HISTORY + 1);
    expect(rows[0]?.x).toBe(1); // epoch 1's end, steps of 10
    expect(rows[1]?.x).toBe(1.1);
    expect(rows[0]?.update).toBe(0.001);
    expect(rows[0]?.dead).toBe(0.25);
  });

  it('draws one histogram ridge per finished epoch for the kernel’s values and gradients', async () => {
    const { api } = await setup();
    act(() => {
      api.emit('s1', event(1, 50));
      api.emit('s1', event(1, 100, true));
      api.emit('s1', event(2, 100, true));
      api.emit('s1', event(3, 100, true));
    });
    const values = screen.getByTestId('inspector-histogram-values');
    expect(values.dataset.epochs).toBe('3');
    expect([...values.querySelectorAll('[data-epoch]')].map((g) => g.getAttribute('data-epoch'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    // Epoch 3's kernel spans ±0.75: the shared axis runs over the widest epoch.
    expect(values.querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Kernel values per epoch: 3 epochs, values from -0.75 to 0.72',
    );
    expect(screen.getByTestId('inspector-histogram-gradients').dataset.epochs).toBe('3');
  });

  it('shows nothing for a layer the statistics do not name', async () => {
    const { api } = await setup('flatten');
    act(() => api.emit('s1', event(1, 100, true)));
    expect(screen.queryByTestId('inspector-stats')).toBeNull();
  });
});

describe('ridgePath', () => {
  it('places an epoch’s bins on the shared value axis, scaled to its own peak', () => {
    const h = { min: 0, max: 1, counts: [1, 2], nonfinite: 0 };
    // Shared axis -1..1 over 260 px: the bins' centres 0.25 and 0.75 land at 162.5 and 227.5.
    expect(ridgePath(h, -1, 1, 40)).toBe('M130.0,40 L162.5,23.0 L227.5,6.0 L260.0,40 Z');
  });
});
