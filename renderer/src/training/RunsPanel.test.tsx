// @vitest-environment jsdom
// The Runs table: each run's facts and what it changed against the run before, two ticked runs
// compared (overlay, changes, marks for the canvas) and the table and a chart exported as CSV.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Graph } from '../../../engine';
import type { TrainingEvent } from '../../../engine/api/events';
import { diffMarksStore } from '../editor/canvas/diff-marks';
import '../i18n';
import { fakeApi, startedEvent } from './fake-api';
import { applyEvent, newRunRecord, type RunRecord } from './run-record';
import { DEFAULT_SETTINGS } from './run-settings-map';
import { RunsPanel } from './RunsPanel';
import { createTrainingStore } from './training-store';
import { TrainingProvider } from './TrainingProvider';

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

/** What the page downloads: the browser file host hands each file to URL.createObjectURL. */
let downloads: Blob[] = [];
beforeEach(() => {
  downloads = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    downloads.push(blob);
    return 'blob:download';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const mlp = (units: number): Graph => ({
  nodes: [
    { id: 'input', type: 'InputLayer', params: { shape: [28, 28, 1] } },
    { id: 'flatten', type: 'Flatten' },
    { id: 'dense', type: 'Dense', params: { units, activation: 'relu' } },
    { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ],
  edges: [
    { source: 'input', target: 'flatten' },
    { source: 'flatten', target: 'dense' },
    { source: 'dense', target: 'output' },
  ],
});

const STARTED_AT = Date.UTC(2026, 0, 2, 10, 0, 0);

function finishedRun(
  id: string,
  label: string,
  graph: Graph,
  learningRate: number,
  valAccuracies: readonly number[],
): RunRecord {
  const identity = {
    sessionId: id,
    modelKey: 'm',
    modelName: 'My net',
    label,
    settings: { ...DEFAULT_SETTINGS, learning_rate: learningRate, epochs: valAccuracies.length },
    startedAt: STARTED_AT + (label === 'Run 1' ? 0 : 60_000),
    graph,
  };
  const events: TrainingEvent[] = [
    startedEvent,
    ...valAccuracies.map(
      (v, i) =>
        ({
          type: 'epoch',
          epoch: i + 1,
          loss: 1 - v,
          accuracy: v,
          val_loss: 1.1 - v,
          val_accuracy: v,
          seconds: 2,
        }) as const,
    ),
    {
      type: 'completed',
      test_loss: 0.3,
      test_accuracy: valAccuracies.at(-1) ?? 0,
      confusion: [],
      per_class_accuracy: [],
      misclassified: [],
      stopped_early: false,
      best_epoch: null,
      train_samples_per_second: 1000,
      epoch_seconds: valAccuracies.map((_, i) => 2 + i),
    },
  ];
  return events.reduce(applyEvent, newRunRecord(identity));
}

function setup() {
  const api = fakeApi({ 'training.list': () => [], 'datasets.list': () => [] });
  const store = createTrainingStore(api, { storage: null });
  store.getState().setModelKey('m');
  store
    .getState()
    .loadDocumentRuns(
      'm',
      [
        finishedRun('s1', 'Run 1', mlp(128), 0.001, [0.8, 0.9, 0.85]),
        finishedRun('s2', 'Run 2', mlp(64), 0.0005, [0.7, 0.95]),
      ],
      {},
    );
  render(
    <TrainingProvider api={api} store={store}>
      <RunsPanel />
    </TrainingProvider>,
  );
  return store;
}

const rowOf = (label: string) => screen.getByRole('rowheader', { name: label }).closest('tr') as HTMLElement;
const cells = (label: string) =>
  within(rowOf(label))
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('RunsPanel', () => {
  it('shows each run’s facts and what it changed against the run before', () => {
    setup();
    // Select, When, Changes, Epochs, Best (epoch), Test, s/epoch, State, Weights, Show.
    expect(cells('Run 1').slice(2, 9)).toEqual([
      'First run',
      '3',
      '90.00% (epoch 2)',
      '85.00%',
      '3.0',
      'Completed',
      'None',
    ]);
    expect(cells('Run 2').slice(2, 9)).toEqual([
      'dense: units 128 → 64; epochs 3 → 2, lr 0.001 → 0.0005',
      '2',
      '95.00% (epoch 2)',
      '95.00%',
      '2.5',
      'Completed',
      'None',
    ]);
    const when = within(rowOf('Run 2')).getByText((_, node) => node?.tagName === 'TIME');
    expect(when.getAttribute('dateTime')).toBe('2026-01-02T10:01:00.000Z');
  });

  it('sorts by a column, each run still compared with the run started before it', () => {
    setup();
    const labels = () => screen.getAllByRole('rowheader').map((c) => c.textContent);
    expect(labels()).toEqual(['Run 2', 'Run 1']); // newest first
    const best = screen.getByRole('button', { name: 'Best val. acc. (epoch)' });
    fireEvent.click(best);
    expect(best.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(labels()).toEqual(['Run 2', 'Run 1']); // 95% before 90%
    fireEvent.click(best);
    expect(best.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(labels()).toEqual(['Run 1', 'Run 2']);
    expect(cells('Run 1')[2]).toBe('First run');
    expect(cells('Run 2')[2]).toBe('dense: units 128 → 64; epochs 3 → 2, lr 0.001 → 0.0005');
    fireEvent.click(screen.getByRole('button', { name: 's/epoch' }));
    expect(labels()).toEqual(['Run 1', 'Run 2']); // 3.0 s before 2.5 s
  });

  it('compares two ticked runs: both curves, the changes, and the changed layer marked for the canvas', async () => {
    const store = setup();
    expect(screen.queryByRole('region', { name: 'Run 2 vs Run 1' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 2' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    const comparison = screen.getByRole('region', { name: 'Run 2 vs Run 1' });
    // Epochs 1..3: Run 2's two and Run 1's three on one axis.
    expect(within(comparison).getByTestId('compare-loss').getAttribute('data-points')).toBe('3');
    await waitFor(() =>
      expect(
        within(comparison).getByTestId('compare-accuracy').querySelectorAll('path.recharts-line-curve'),
      ).toHaveLength(4),
    );
    expect(within(comparison).getByTestId('compare-graph-changes').textContent).toBe('dense: units 128 → 64');
    expect(
      within(within(comparison).getByTestId('compare-setting-changes'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['epochs 3 → 2', 'lr 0.001 → 0.0005']);

    expect(diffMarksStore.getState().marks).toEqual({});
    fireEvent.click(within(comparison).getByRole('checkbox', { name: 'Show diff on canvas' }));
    expect(diffMarksStore.getState().marks).toEqual({
      dense: { kind: 'changed', text: 'Changed since Run 1: units 128 → 64' },
    });
    fireEvent.click(within(comparison).getByRole('button', { name: 'Close the comparison' }));
    expect(store.getState().selectedRunIds).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Run 2 vs Run 1' })).toBeNull();
    expect(diffMarksStore.getState().marks).toEqual({});
  });

  it('draws each run’s setting changes on the overlay as labelled lines where they happened', async () => {
    const store = setup();
    const adjusted: TrainingEvent = {
      type: 'adjusted',
      epoch: 2,
      step: 25, // of startedEvent's 100 steps per epoch: a quarter into epoch 2, x = 1.25
      global_step: 125,
      changes: [{ setting: 'learning_rate', from: 0.0005, to: 0.0001 }],
      optimizer_reset: false,
      label: 'lr 0.0005 → 0.0001',
    };
    act(() => {
      const run = store.getState().runs['s2'] as RunRecord;
      store.getState().loadDocumentRuns('m', [applyEvent(run, adjusted)], {});
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 2' }));
    const loss = screen.getByTestId('compare-loss');
    await waitFor(() => expect(loss.querySelectorAll('.recharts-reference-line')).toHaveLength(1));
    const line = () => loss.querySelector('.recharts-reference-line line') as SVGLineElement;
    const label = within(loss).getByText('Run 2: lr 0.0005 → 0.0001');
    expect(label.tagName).toBe('text'); // in the SVG, in the run's colour
    expect(label.getAttribute('fill')).toBe(line().getAttribute('stroke'));
    // The plot spans x = 48 (after the y axis) to 400 - 12 (the right margin) for epochs 1..3: 1.25 is an eighth on.
    const [x1, x3] = [48, 400 - 12];
    expect(Number(line().getAttribute('x1'))).toBeCloseTo(x1 + ((x3 - x1) * 0.25) / 2, 0);
  });

  it('clears the canvas marks when another document is opened', () => {
    const store = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 2' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show diff on canvas' }));
    expect(Object.keys(diffMarksStore.getState().marks)).toEqual(['dense']);
    act(() => store.getState().setModelKey('another'));
    expect(diffMarksStore.getState().marks).toEqual({});
  });

  it('exports the table as CSV, one row per run, oldest first', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Runs table as CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(await (downloads[0] as Blob).text()).toBe(
      [
        'Run,When,Changes vs previous run,Epochs,Best val. accuracy,Best epoch,Test acc.,s/epoch,State',
        'Run 1,2026-01-02T10:00:00.000Z,,3,0.9,2,0.85,3,completed',
        'Run 2,2026-01-02T10:01:00.000Z,"dense: units 128 → 64; epochs 3 → 2, lr 0.001 → 0.0005",2,0.95,2,0.95,2.5,completed',
        '',
      ].join('\r\n'),
    );
  });

  it('exports a comparison chart’s points as CSV, one column per series', async () => {
    setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accuracy per epoch: Run 2 vs Run 1 as CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect((await (downloads[0] as Blob).text()).split('\r\n')).toEqual([
      'Epoch,train Run 2,val. Run 2,train Run 1,val. Run 1',
      '1,0.7,0.7,0.8,0.8',
      '2,0.95,0.95,0.9,0.9',
      '3,,,0.85,0.85',
      '',
    ]);
  });
});
