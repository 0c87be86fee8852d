// @vitest-environment jsdom
// A run's adjustments drawn on its charts: one labelled vertical line each, on the batch charts at the
// batch points' global step and on the epoch charts at the epoch boundary plus the fraction done, with
// the core's label (which says when an optimizer's state was reset); found in the SVG and placed against the axis's own ticks.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdjustedEvent, StartedEvent } from '../../../engine/api/events';
import '../i18n';
import { BatchCharts, DEFAULT_BATCH_CHART_OPTIONS } from './BatchCharts';
import { markerX } from './chart-markers';
import { MetricChart } from './MetricChart';
import { EpochCharts } from './EpochCharts';
import { batchEvent, storeOnFakeApi, startedEvent, TINY_MODEL } from './fake-api';
import { TrainingProvider } from './TrainingProvider';

afterEach(cleanup);

const adjustment = (epoch: number, step: number, label: string, reset = false): AdjustedEvent => ({
  type: 'adjusted',
  epoch,
  step,
  global_step: (epoch - 1) * 100 + step,
  changes: [],
  optimizer_reset: reset,
  label,
});

/** A run of 2 epochs of 100 steps, a batch point every 10 steps, adjusted at step 40 and at epoch 2's start. */
async function runWithMarkers() {
  const { api, store } = storeOnFakeApi({ 'datasets.list': () => [], 'training.list': () => [] });
  await store.getState().start(TINY_MODEL, 'doc');
  api.emit('s1', startedEvent);
  for (let step = 0; step <= 200; step += 10)
    api.emit('s1', batchEvent(step <= 100 ? 1 : 2, step <= 100 ? step : step - 100, 1 / (step + 2)));
  api.emit('s1', {
    type: 'epoch',
    epoch: 1,
    loss: 0.5,
    accuracy: 0.8,
    val_loss: 0.6,
    val_accuracy: 0.7,
    seconds: 1,
  });
  api.emit('s1', {
    type: 'epoch',
    epoch: 2,
    loss: 0.4,
    accuracy: 0.9,
    val_loss: 0.5,
    val_accuracy: 0.8,
    seconds: 1,
  });
  api.emit('s1', adjustment(1, 40, 'lr 0.001 → 0.0005'));
  api.emit('s1', adjustment(2, 0, 'optimizer adam → sgd (state reset)', true));
  return { api, store };
}

/** Each marker line's x in px and its label, in one chart. */
function markers(testId: string) {
  const chart = screen.getByTestId(testId);
  const lines = [...chart.querySelectorAll('.training-chart__marker line')];
  const labels = [...chart.querySelectorAll('.training-chart__marker-label')].map((l) => l.textContent);
  return { xs: lines.map((l) => Number(l.getAttribute('x1'))), labels };
}

/** Where x axis value `value` lies in px, from the axis's own first and last tick labels. */
function axisPx(testId: string, value: number): number {
  const ticks = [...screen.getByTestId(testId).querySelectorAll('.recharts-xAxis-tick-labels text')].map(
    (t) => ({
      value: Number(t.textContent),
      px: Number(t.getAttribute('x')),
    }),
  );
  const first = ticks[0];
  const last = ticks.at(-1);
  if (first === undefined || last === undefined || first === last) throw new Error('too few x ticks');
  return first.px + ((value - first.value) * (last.px - first.px)) / (last.value - first.value);
}

describe('adjustment markers', () => {
  it('places batch-chart markers at the global step, labelled as the core worded them', async () => {
    const { api, store } = await runWithMarkers();
    render(
      <TrainingProvider api={api} store={store}>
        <BatchCharts options={DEFAULT_BATCH_CHART_OPTIONS} onOptions={() => {}} />
      </TrainingProvider>,
    );
    for (const id of ['chart-batch-loss', 'chart-batch-accuracy']) {
      const { xs, labels } = markers(id);
      expect(labels).toEqual(['lr 0.001 → 0.0005', 'optimizer adam → sgd (state reset)']);
      expect(xs[0]).toBeCloseTo(axisPx(id, 40), 1);
      expect(xs[1]).toBeCloseTo(axisPx(id, 100), 1);
    }
  });

  it('places epoch-chart markers at the epoch boundary plus the fraction done', async () => {
    const { api, store } = await runWithMarkers();
    render(
      <TrainingProvider api={api} store={store}>
        <EpochCharts />
      </TrainingProvider>,
    );
    const { xs, labels } = markers('chart-epoch-loss');
    expect(labels).toHaveLength(2);
    // Step 40 of 100 in epoch 1 is at 0.4 (epoch 1 ends at x = 1); epoch 2's start is epoch 1's point.
    expect(xs[0]).toBeCloseTo(axisPx('chart-epoch-loss', 0.4), 1);
    expect(xs[1]).toBeCloseTo(axisPx('chart-epoch-loss', 1), 1);
  });

  it('steps neighbouring labels down so they do not overprint', async () => {
    const { api, store } = await runWithMarkers();
    render(
      <TrainingProvider api={api} store={store}>
        <BatchCharts options={DEFAULT_BATCH_CHART_OPTIONS} onOptions={() => {}} />
      </TrainingProvider>,
    );
    const ys = [
      ...screen.getByTestId('chart-batch-loss').querySelectorAll('.training-chart__marker-label'),
    ].map((l) => Number(l.getAttribute('y')));
    expect(ys[1]! - ys[0]!).toBe(12);
  });
});

describe('marker labels near the right edge', () => {
  it('sit right of their line in the left part of the plot, left of it near the right edge', () => {
    const data = Array.from({ length: 11 }, (_, x) => ({ x, loss: 1 - x / 20 }));
    render(
      <MetricChart
        testId="edge"
        title="Loss"
        data={data}
        xKey="x"
        xLabel="step"
        series={[{ key: 'loss', name: 'loss', color: 'blue' }]}
        markers={[
          { x: 2, label: 'early' },
          { x: 10, label: 'last' },
        ]}
      />,
    );
    const anchors = Object.fromEntries(
      [...screen.getByTestId('edge').querySelectorAll('.training-chart__marker-label')].map((l) => [
        l.textContent,
        l.getAttribute('text-anchor'),
      ]),
    );
    expect(anchors).toEqual({ early: 'start', last: 'end' });
  });
});

describe('markerX', () => {
  const started = { ...(startedEvent as StartedEvent), steps_per_epoch: 50 };

  it('puts a batch-chart marker at its global step, an epoch-chart one at the share of its epoch', () => {
    const a = { ...adjustment(3, 25, 'x'), global_step: 125 };
    expect(markerX(a, { started, adjustments: [a] }, false)).toBe(125);
    expect(markerX(a, { started, adjustments: [a] }, true)).toBe(2.5);
  });

  it('measures an epoch by its own batch count after a batch-size change', () => {
    // From epoch 2 on, 20 batches an epoch (batch size raised): 10 batches into epoch 3 is 0.5 of it.
    const resized: AdjustedEvent = {
      ...adjustment(2, 0, 'batch 32 → 80 (from epoch 2)'),
      global_step: 50,
      batches: { from_epoch: 2, steps_per_epoch: 20, total_steps: 90 },
    };
    const later = { ...adjustment(3, 10, 'lr 0.001 → 0.0005'), global_step: 80 };
    const run = { started, adjustments: [resized, later] };
    expect(markerX(later, run, true)).toBe(2.5);
    expect(markerX(later, run, false)).toBe(80);
  });
});
