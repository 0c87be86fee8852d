// Loss and accuracy per batch of the run on show, smoothed (EMA slider) and downsampled to ≤150 points,
// with an optional log scale for the loss.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { downsample, smooth } from './chart-data';
import { useRunMarkers } from './chart-markers';
import { MetricChart } from './MetricChart';
import type { BatchPoint } from './run-record';
import { selectActiveRun } from './selectors';
import type { TrainingStore } from './training-store';
import { useDelayedValue } from './useDelayedValue';
import { useThrottledSelection } from './useThrottledSelection';

const NO_POINTS: readonly BatchPoint[] = [];
// Redrawn twice a second: the curves still move live, and each recharts redraw competes with training
// for the cores (measured: npm run bench -- app).
const CHART_INTERVAL_MS = 500;
const selectBatches = (s: TrainingStore) => selectActiveRun(s)?.batches ?? NO_POINTS;

/** Rows {step, value} for one metric: smoothed over every point, then downsampled. */
export function batchSeries(
  points: readonly BatchPoint[],
  metric: 'loss' | 'accuracy',
  weight: number,
  log = false,
) {
  const values = smooth(
    points.map((p) => p[metric]),
    weight,
  );
  const rows = points.map((p, i) => ({
    step: p.step,
    value: log ? Math.max(values[i] as number, 1e-6) : (values[i] as number),
  }));
  return downsample(rows);
}

/** The chart options, kept by the dashboard so they survive switching tabs and hiding the dock. */
export interface BatchChartOptions {
  readonly weight: number;
  readonly log: boolean;
}

export const DEFAULT_BATCH_CHART_OPTIONS: BatchChartOptions = { weight: 0.6, log: false };

export function BatchCharts({
  options,
  onOptions,
}: {
  readonly options: BatchChartOptions;
  readonly onOptions: (options: BatchChartOptions) => void;
}) {
  const { t } = useTranslation();
  const points = useThrottledSelection(selectBatches, CHART_INTERVAL_MS);
  const { weight, log } = options;
  const setWeight = (value: number) => onOptions({ ...options, weight: value });
  const setLog = (value: boolean) => onOptions({ ...options, log: value });
  const smoothingId = useId();
  const logId = useId();
  const loss = useMemo(() => batchSeries(points, 'loss', weight, log), [points, weight, log]);
  const accuracyPoints = useDelayedValue(points, CHART_INTERVAL_MS / 2);
  const accuracy = useMemo(() => batchSeries(accuracyPoints, 'accuracy', weight), [accuracyPoints, weight]);
  const step = t('training.charts.step');
  const markers = useRunMarkers('batch');

  return (
    <section className="training-chart-group">
      <div className="training-chart-options">
        <label htmlFor={smoothingId}>{t('training.charts.smoothing')}</label>
        <input
          id={smoothingId}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={weight}
          onChange={(e) => setWeight(Number(e.target.value))}
        />
        <output htmlFor={smoothingId}>{weight.toFixed(2)}</output>
        <input id={logId} type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
        <label htmlFor={logId}>{t('training.charts.logScale')}</label>
      </div>
      <div className="training-chart-row">
        <MetricChart
          testId="chart-batch-loss"
          title={t('training.charts.batchLoss')}
          data={loss}
          xKey="step"
          xLabel={step}
          log={log}
          markers={markers}
          series={[{ key: 'value', name: t('training.charts.loss'), color: 'var(--chart-1)' }]}
        />
        <MetricChart
          testId="chart-batch-accuracy"
          title={t('training.charts.batchAccuracy')}
          data={accuracy}
          xKey="step"
          xLabel={step}
          percent
          markers={markers}
          series={[{ key: 'value', name: t('training.charts.accuracy'), color: 'var(--chart-3)' }]}
        />
      </div>
    </section>
  );
}
