// Two runs side by side: their loss and accuracy per epoch on the same charts (train solid, validation
// dashed, each run's setting changes as labelled lines), what the newer changed against the older (graph
// and settings), and a switch that marks the added and changed layers on the canvas.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearDiffMarks, setDiffMarks } from '../../editor/canvas/diff-marks';
import { mergeEpochSeries } from '../chart-data';
import { MetricChart, type Series } from '../MetricChart';
import type { RunRecord } from '../run-record';
import { useTrainingStore } from '../useTrainingStore';
import { adjustmentMarkers, diffMarks } from './comparison-marks';
import { changeTexts, olderFirst, runChanges } from './run-changes';

const NEWER_COLOR = 'var(--chart-1)';
const OLDER_COLOR = 'var(--chart-2)';

export function RunComparison({ ids }: { readonly ids: readonly [string, string] }) {
  const { t } = useTranslation();
  const first = useTrainingStore((s) => s.runs[ids[0]]);
  const second = useTrainingStore((s) => s.runs[ids[1]]);
  const toggleOverlay = useTrainingStore((s) => s.toggleOverlay);
  if (first === undefined || second === undefined) return null;
  const [older, newer] = olderFirst(first, second);
  const labels = { newer: newer.label, older: older.label };
  return (
    <section className="run-comparison" aria-label={t('compareRuns.title', labels)}>
      <header className="run-comparison__head">
        <h3>{t('compareRuns.title', labels)}</h3>
        <button
          type="button"
          onClick={() => {
            toggleOverlay(ids[0]);
            toggleOverlay(ids[1]);
          }}
        >
          {t('compareRuns.close')}
        </button>
      </header>
      <ComparisonCharts older={older} newer={newer} />
      <ComparisonChanges older={older} newer={newer} />
    </section>
  );
}

function ComparisonCharts({ older, newer }: { readonly older: RunRecord; readonly newer: RunRecord }) {
  const { t } = useTranslation();
  const rows = useMemo(
    () => mergeEpochSeries(newer.epochs, [{ id: 'older', epochs: older.epochs }]),
    [newer.epochs, older.epochs],
  );
  const markers = useMemo(
    () => [...adjustmentMarkers(newer, NEWER_COLOR), ...adjustmentMarkers(older, OLDER_COLOR)],
    [newer, older],
  );
  const seriesFor = (metric: 'loss' | 'accuracy'): Series[] => {
    const name = (kind: 'train' | 'validation', label: string) =>
      t('compareRuns.series', { metric: t(`compareRuns.${kind}`), label });
    return [
      { key: metric, name: name('train', newer.label), color: NEWER_COLOR },
      { key: `val_${metric}`, name: name('validation', newer.label), color: NEWER_COLOR, dashed: true },
      { key: `older:${metric}`, name: name('train', older.label), color: OLDER_COLOR },
      { key: `older:val_${metric}`, name: name('validation', older.label), color: OLDER_COLOR, dashed: true },
    ];
  };
  const labels = { newer: newer.label, older: older.label };
  const epoch = t('training.charts.epoch');
  return (
    <div className="training-chart-row">
      <MetricChart
        testId="compare-loss"
        title={t('compareRuns.loss', labels)}
        data={rows}
        xKey="epoch"
        xLabel={epoch}
        series={seriesFor('loss')}
        markers={markers}
      />
      <MetricChart
        testId="compare-accuracy"
        title={t('compareRuns.accuracy', labels)}
        data={rows}
        xKey="epoch"
        xLabel={epoch}
        percent
        series={seriesFor('accuracy')}
        markers={markers}
      />
    </div>
  );
}

function ComparisonChanges({ older, newer }: { readonly older: RunRecord; readonly newer: RunRecord }) {
  const { t } = useTranslation();
  const [onCanvas, setOnCanvas] = useState(false);
  const changes = useMemo(
    () => runChanges(older, newer),
    [older.graph, older.settings, newer.graph, newer.settings],
  );
  const { graph, settings } = changeTexts(changes);
  const diff = changes.graph;
  useEffect(() => {
    if (!onCanvas || diff === null) return;
    setDiffMarks(
      diffMarks(diff, {
        added: () => t('compareRuns.node.added', { older: older.label }),
        changed: (details) => t('compareRuns.node.changed', { older: older.label, details }),
      }),
    );
    return clearDiffMarks;
  }, [onCanvas, diff, older.label, t]);
  const removed = diff?.removed.map((c) => c.name) ?? [];
  return (
    <div className="run-comparison__changes">
      <div>
        <h4>{t('compareRuns.graphChanges')}</h4>
        {diff === null ? (
          <p className="training-hint">{t('compareRuns.unknownChange')}</p>
        ) : graph.length === 0 ? (
          <p className="training-hint">{t('compareRuns.noGraphChanges')}</p>
        ) : (
          <ul data-testid="compare-graph-changes">
            {graph.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        )}
        {diff !== null && (
          <label className="run-comparison__toggle">
            <input type="checkbox" checked={onCanvas} onChange={(e) => setOnCanvas(e.target.checked)} />
            {t('compareRuns.showDiff')}
          </label>
        )}
        {onCanvas && diff !== null && (
          <>
            <p className="training-hint">
              {t('compareRuns.diffLegend', { newer: newer.label, older: older.label })}
            </p>
            {removed.length > 0 && <p>{t('compareRuns.removed', { names: removed.join(', ') })}</p>}
          </>
        )}
      </div>
      <div>
        <h4>{t('compareRuns.settingChanges')}</h4>
        {settings.length === 0 ? (
          <p className="training-hint">{t('compareRuns.noSettingChanges')}</p>
        ) : (
          <ul data-testid="compare-setting-changes">
            {settings.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
