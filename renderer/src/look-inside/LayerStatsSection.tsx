// The inspector's look at one layer over its run: line charts of the gradient norm, the kernel's update
// ratio and the dead (zero) fraction at every sampled step, and the kernel's values and gradients as
// per-epoch histograms. Shown only when the run on show has statistics for the layer.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor/EditorContext';
import { MetricChart, type Series } from '../training/MetricChart';
import type { TrainingStore } from '../training/training-store';
import { HistogramRidges } from './HistogramRidges';
import { kernelHistograms, layerStatsRows } from './layer-stats-series';
import { selectRunOnShow, useTrainingSelect } from './useRunOnShow';

const selectRunStats = (s: TrainingStore) => {
  const id = selectRunOnShow(s);
  return id === null ? null : (s.layerStats[id] ?? null);
};

const COLOR = 'var(--accent, #3b82f6)';

export function LayerStatsSection({ nodeId }: { readonly nodeId: string }) {
  const { t } = useTranslation();
  const name = useEditor((s) => s.analysis.byId.get(nodeId)?.name);
  const stats = useTrainingSelect(selectRunStats);
  const rows = useMemo(
    () => (stats === null || name === undefined ? [] : layerStatsRows(stats, name)),
    [stats, name],
  );
  const histograms = useMemo(
    () => (stats === null || name === undefined ? [] : kernelHistograms(stats, name)),
    [stats, name],
  );
  if (rows.length === 0) return null;
  const chart = (key: 'gradient' | 'update' | 'dead', opts: { log?: boolean; percent?: boolean } = {}) => {
    const series: Series[] = [{ key, name: t(`editor.insideInspector.${key}`), color: COLOR }];
    // A log axis has no place for 0: those steps are left out of that chart.
    const data = opts.log ? rows.map((r) => ({ ...r, [key]: (r[key] ?? 0) > 0 ? r[key] : null })) : rows;
    const hasAny = data.some((r) => r[key] !== null);
    return (
      hasAny && (
        <MetricChart
          testId={`inspector-stats-${key}`}
          title={t(`editor.insideInspector.${key}`)}
          data={data}
          xKey="x"
          xLabel={t('editor.insideInspector.epoch')}
          series={series}
          // Room for small numbers such as 0.00500 (an update ratio).
          yWidth={60}
          {...opts}
        />
      )
    );
  };
  return (
    <section
      className="inspector-stats"
      aria-label={t('editor.insideInspector.title', { name })}
      data-testid="inspector-stats"
    >
      <h3>{t('editor.insideInspector.title', { name })}</h3>
      {chart('gradient')}
      {chart('update', { log: true })}
      {chart('dead', { percent: true })}
      <HistogramRidges
        testId="inspector-histogram-values"
        title={t('editor.insideInspector.kernelValues')}
        epochs={histograms.map((h) => ({ epoch: h.epoch, histogram: h.values }))}
      />
      <HistogramRidges
        testId="inspector-histogram-gradients"
        title={t('editor.insideInspector.kernelGradients')}
        epochs={histograms.map((h) => ({ epoch: h.epoch, histogram: h.gradients }))}
      />
      {histograms.length > 0 && <p className="muted">{t('editor.insideInspector.histogramHint')}</p>}
    </section>
  );
}
