// Train vs validation loss and accuracy per epoch of the run on show, with the per-epoch curves of the
// runs ticked for comparison drawn beside them (dashed, fainter).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { mergeEpochSeries } from './chart-data';
import { useRunMarkers } from './chart-markers';
import { MetricChart, type Series } from './MetricChart';
import type { EpochPoint, RunRecord } from './run-record';
import { selectActiveRun } from './selectors';
import type { TrainingStore } from './training-store';
import { useDelayedValue } from './useDelayedValue';
import { useThrottledSelection } from './useThrottledSelection';
import { useTrainingStore } from './useTrainingStore';

const NO_EPOCHS: readonly EpochPoint[] = [];
const selectEpochs = (s: TrainingStore) => selectActiveRun(s)?.epochs ?? NO_EPOCHS;
const OVERLAY_COLORS = ['var(--chart-2)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-3)'];

export function EpochCharts() {
  const { t } = useTranslation();
  // Read like the batch charts: rendered by the scheduler, not synchronously inside the event handler.
  const epochs = useThrottledSelection(selectEpochs, 100);
  const overlays = useTrainingStore(
    useShallow((s) =>
      s.selectedRunIds
        .filter((id) => id !== s.activeRunId)
        .map((id) => s.runs[id])
        .filter((run): run is RunRecord => run !== undefined),
    ),
  );
  const rows = useMemo(
    () =>
      mergeEpochSeries(
        epochs,
        overlays.map((run, i) => ({ id: `o${i}`, epochs: run.epochs })),
      ),
    [epochs, overlays],
  );

  const seriesFor = (metric: 'loss' | 'accuracy'): Series[] => [
    { key: metric, name: t('training.charts.train'), color: 'var(--chart-1)' },
    { key: `val_${metric}`, name: t('training.charts.validation'), color: 'var(--chart-2)', dashed: true },
    ...overlays.flatMap((run, i) => {
      const color = OVERLAY_COLORS[i % OVERLAY_COLORS.length] as string;
      return [
        {
          key: `o${i}:${metric}`,
          name: t('training.charts.trainOf', { label: run.label }),
          color,
          faint: true,
        },
        {
          key: `o${i}:val_${metric}`,
          name: t('training.charts.validationOf', { label: run.label }),
          color,
          faint: true,
          dashed: true,
        },
      ];
    }),
  ];
  const epoch = t('training.charts.epoch');
  const markers = useRunMarkers('epoch');
  // Redrawn half a beat after the loss chart, so the two redraws are separate tasks.
  const accuracyRows = useDelayedValue(rows, 125);

  return (
    <section className="training-chart-row">
      <MetricChart
        testId="chart-epoch-loss"
        title={t('training.charts.epochLoss')}
        data={rows}
        xKey="epoch"
        xLabel={epoch}
        markers={markers}
        series={seriesFor('loss')}
      />
      <MetricChart
        testId="chart-epoch-accuracy"
        title={t('training.charts.epochAccuracy')}
        data={accuracyRows}
        xKey="epoch"
        xLabel={epoch}
        markers={markers}
        percent
        series={seriesFor('accuracy')}
      />
    </section>
  );
}
