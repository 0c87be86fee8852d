// The training dashboard: Charts (live curves), Results (test metrics, confusion matrix, predictions,
// drawing pad) and Runs (earlier runs of this model, to show or compare), as tabs.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BatchCharts, DEFAULT_BATCH_CHART_OPTIONS } from './BatchCharts';
import { Diagnosis } from './Diagnosis';
import type { GraphEditTarget } from './diagnosis-target';
import { EpochCharts } from './EpochCharts';
import { ResultsPanel } from './ResultsPanel';
import { RunsPanel } from './RunsPanel';
import { useTrainingStore } from './useTrainingStore';
import './training.css';
import './dashboard.css';

const TABS = ['charts', 'results', 'runs'] as const;
type Tab = (typeof TABS)[number];

/**
 * `visible` false (the dock collapsed to its status bar): the tab stays chosen, but nothing is drawn, so
 * hidden charts cost no rendering while a run streams, and never measure a zero-sized box.
 */
export function TrainingDashboard({
  visible = true,
  graphTarget,
}: {
  readonly visible?: boolean;
  /** Lets the Diagnosis section's graph remedies edit the document (absent: only settings remedies). */
  readonly graphTarget?: GraphEditTarget;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('charts');
  const [chartOptions, setChartOptions] = useState(DEFAULT_BATCH_CHART_OPTIONS);
  const hasRun = useTrainingStore((s) => s.activeRunId !== null);
  const id = useId();
  const activeState = useTrainingStore((s) => (s.activeRunId ? s.runs[s.activeRunId]?.state : undefined));
  const previousState = useRef(activeState);
  useEffect(() => {
    // When the run being watched finishes, show its results (a restored, already finished run does not);
    // when a new run starts, show its curves.
    const before = previousState.current;
    previousState.current = activeState;
    if (activeState === 'completed' && before !== undefined && before !== 'completed') setTab('results');
    if (
      (activeState === 'idle' || activeState === 'running') &&
      before !== activeState &&
      before !== 'paused'
    )
      setTab('charts');
  }, [activeState]);

  return (
    <section className="training-dashboard" aria-label={t('training.dashboard.title')}>
      <div role="tablist" className="training-tabs" aria-label={t('training.dashboard.title')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${id}-${name}-tab`}
            aria-selected={tab === name}
            aria-controls={`${id}-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              const next = TABS[(TABS.indexOf(name) + step + TABS.length) % TABS.length] as Tab;
              setTab(next);
              document.getElementById(`${id}-${next}-tab`)?.focus();
            }}
          >
            {t(`training.dashboard.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-${tab}`}
        aria-labelledby={`${id}-${tab}-tab`}
        className="training-tabpanel"
      >
        {visible && tab === 'charts' && (
          <>
            {!hasRun && <p className="training-empty">{t('training.dashboard.empty')}</p>}
            <BatchCharts options={chartOptions} onOptions={setChartOptions} />
            <EpochCharts />
            <Diagnosis target={graphTarget} />
          </>
        )}
        {visible && tab === 'results' && <ResultsPanel />}
        {visible && tab === 'runs' && <RunsPanel />}
      </div>
    </section>
  );
}
