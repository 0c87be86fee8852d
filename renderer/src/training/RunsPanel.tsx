// The runs of the open document as a table: when, what changed against the run before, epochs, best
// validation accuracy and its epoch, test accuracy, time per epoch, state and weights. A Select box per
// run: ticked runs overlay the dashboard's epoch charts, and two ticked open their comparison below.
// A button shows a run in the dashboard (Save, Export and the predictions then use its weights).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { runFacts } from '../../../engine/run-facts';
import { fileStem } from './compare/csv';
import { changeSummary, changeTexts, runChanges, type RunChanges } from './compare/run-changes';
import { RunComparison } from './compare/RunComparison';
import { runsCsv } from './compare/runs-csv';
import { saveFile } from './compare/save-file';
import { formatPercent } from './format';
import type { RunRecord } from './run-record';
import { selectRunIdsOfModel } from './selectors';
import { useTrainingStore, useTrainingStoreApi } from './useTrainingStore';

/** How many changes a cell shows before "+N more" (the rest open below it). */
const SHORT_CHANGES = 3;

type SortKey = 'when' | 'epochs' | 'best' | 'test' | 'perEpoch';
interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

function sortValue(run: RunRecord | undefined, key: SortKey): number | null {
  if (run === undefined) return null;
  const facts = runFacts(run);
  const values: Record<SortKey, number | null> = {
    when: run.startedAt,
    epochs: facts.epochs,
    best: facts.bestValAccuracy,
    test: facts.testAccuracy,
    perEpoch: facts.secondsPerEpoch,
  };
  return values[key];
}

/** The ids in the sort's order; runs without the value go last either way. */
function sorted(ids: readonly string[], values: readonly (number | null)[], sort: Sort): string[] {
  const order = ids.map((id, i) => ({ id, value: values[i] ?? null }));
  order.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return sort.descending ? b.value - a.value : a.value - b.value;
  });
  return order.map((o) => o.id);
}

export function RunsPanel() {
  const { t } = useTranslation();
  const modelKey = useTrainingStore((s) => s.modelKey);
  const ids = useTrainingStore(useShallow(selectRunIdsOfModel(modelKey)));
  const selected = useTrainingStore(useShallow((s) => s.selectedRunIds.filter((id) => ids.includes(id))));
  const [sort, setSort] = useState<Sort>({ key: 'when', descending: true });
  const values = useTrainingStore(useShallow((s) => ids.map((id) => sortValue(s.runs[id], sort.key))));
  const now = useMinuteClock();
  if (ids.length === 0) return <p className="training-empty">{t('training.runs.empty')}</p>;
  const shown = sorted(ids, values, sort);
  const header = (key: SortKey, label: string) => (
    <SortHeader
      label={label}
      sort={sort.key === key ? sort : null}
      onSort={() => setSort({ key, descending: sort.key === key ? !sort.descending : true })}
    />
  );
  return (
    <>
      <div className="runs-toolbar">
        <p className="training-hint">
          {t('training.runs.weightsHint')} {t('compareRuns.selectHint')}
        </p>
        <ExportTableButton ids={ids} />
      </div>
      <div className="runs-table-scroll">
        <table className="training-runs">
          <caption>{t('training.runs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('compareRuns.columns.select')}</span>
              </th>
              <th scope="col">{t('training.runs.columns.run')}</th>
              {header('when', t('compareRuns.columns.when'))}
              <th scope="col">{t('compareRuns.columns.changes')}</th>
              {header('epochs', t('compareRuns.columns.epochs'))}
              {header('best', t('compareRuns.columns.best'))}
              {header('test', t('training.runs.columns.test'))}
              {header('perEpoch', t('compareRuns.columns.perEpoch'))}
              <th scope="col">{t('training.runs.columns.state')}</th>
              <th scope="col">{t('training.runs.columns.weights')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('training.runs.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((id) => (
              // The change is against the run started before, whatever the order on show.
              <RunRow key={id} runId={id} previousId={ids[ids.indexOf(id) + 1]} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      {selected.length === 2 && <RunComparison ids={selected as [string, string]} />}
    </>
  );
}

/** A column header that sorts the table by its column (again: the other way round). */
function SortHeader(props: {
  readonly label: string;
  readonly sort: Sort | null;
  readonly onSort: () => void;
}) {
  const { label, sort, onSort } = props;
  const direction = sort === null ? undefined : sort.descending ? 'descending' : 'ascending';
  return (
    <th scope="col" aria-sort={direction}>
      <button type="button" className="runs-sort" onClick={onSort}>
        {label}
        <span aria-hidden="true">
          {direction === undefined ? '' : direction === 'descending' ? ' ▼' : ' ▲'}
        </span>
      </button>
    </th>
  );
}

/** The time, renewed each minute, so "2 minutes ago" stays true while the table is open. */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function relativeTime(language: string, then: number, now: number): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const minutes = Math.round((then - now) / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

const formatSeconds = (seconds: number | null) => (seconds === null ? '–' : seconds.toFixed(1));

function useRunChanges(run: RunRecord | undefined, previous: RunRecord | undefined): RunChanges | null {
  // Keyed on what the diff reads, not the records, which change with every batch of a live run.
  return useMemo(
    () => (run && previous ? runChanges(previous, run) : null),
    [run?.graph, run?.settings, previous?.graph, previous?.settings],
  );
}

function RunRow(props: { readonly runId: string; readonly previousId?: string; readonly now: number }) {
  const { runId, previousId, now } = props;
  const { t, i18n } = useTranslation();
  const run = useTrainingStore((s) => s.runs[runId]);
  const previous = useTrainingStore((s) => (previousId === undefined ? undefined : s.runs[previousId]));
  const active = useTrainingStore((s) => s.activeRunId === runId);
  const ticked = useTrainingStore((s) => s.selectedRunIds.includes(runId));
  const hasWeights = useTrainingStore((s) => s.weights[runId] !== undefined);
  const toggleOverlay = useTrainingStore((s) => s.toggleOverlay);
  const selectRun = useTrainingStore((s) => s.selectRun);
  const changes = useRunChanges(run, previous);
  if (run === undefined) return null;
  const facts = runFacts(run);
  return (
    <tr className={active ? 'is-active' : undefined}>
      <td>
        <input
          type="checkbox"
          aria-label={t('training.runs.compareRun', { label: run.label })}
          checked={ticked}
          onChange={() => toggleOverlay(runId)}
        />
      </td>
      <th scope="row">{run.label}</th>
      <td>
        <time
          dateTime={new Date(run.startedAt).toISOString()}
          title={new Date(run.startedAt).toLocaleString()}
        >
          {relativeTime(i18n.language, run.startedAt, now)}
        </time>
      </td>
      <td className="runs-changes">
        <ChangesCell label={run.label} changes={changes} first={previousId === undefined} />
      </td>
      <td>{facts.epochs}</td>
      <td>
        {facts.bestValAccuracy === null
          ? '–'
          : t('compareRuns.bestAt', { value: formatPercent(facts.bestValAccuracy), epoch: facts.bestEpoch })}
      </td>
      <td>{formatPercent(facts.testAccuracy)}</td>
      <td>{formatSeconds(facts.secondsPerEpoch)}</td>
      <td>{t(`training.runs.states.${run.state}`)}</td>
      <td>{t(hasWeights ? 'training.runs.weights.kept' : 'training.runs.weights.none')}</td>
      <td>
        {active ? (
          <span className="training-hint">{t('training.runs.shown')}</span>
        ) : (
          <button
            type="button"
            aria-label={t('training.runs.showRun', { label: run.label })}
            onClick={() => selectRun(runId)}
          >
            {t('training.runs.show')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The first few changes; with more, a disclosure that lists them all. The full list is the tooltip. */
function ChangesCell(props: {
  readonly label: string;
  readonly changes: RunChanges | null;
  readonly first: boolean;
}) {
  const { t } = useTranslation();
  const { label, changes, first } = props;
  if (changes === null)
    return (
      <span className="training-hint">{t(first ? 'compareRuns.firstRun' : 'compareRuns.noChange')}</span>
    );
  const { graph, settings } = changeTexts(changes);
  const all = [...graph, ...settings];
  const unknownGraph = changes.graph === null;
  if (all.length === 0)
    return (
      <span className="training-hint">
        {t(unknownGraph ? 'compareRuns.unknownChange' : 'compareRuns.noChange')}
      </span>
    );
  const summary = changeSummary(changes);
  if (all.length <= SHORT_CHANGES) return <span title={all.join('\n')}>{summary}</span>;
  return (
    <details title={all.join('\n')}>
      <summary>
        {all.slice(0, SHORT_CHANGES).join(', ')}{' '}
        {t('compareRuns.moreChanges', { count: all.length - SHORT_CHANGES })}
      </summary>
      <ul aria-label={t('compareRuns.allChanges', { label })}>
        {all.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </details>
  );
}

function ExportTableButton({ ids }: { readonly ids: readonly string[] }) {
  const { t } = useTranslation();
  const store = useTrainingStoreApi();
  const [failure, setFailure] = useState<string | null>(null);
  const exportTable = () => {
    const { runs, modelKey } = store.getState();
    const oldestFirst = [...ids].reverse().flatMap((id) => runs[id] ?? []);
    const header = [
      t('training.runs.columns.run'),
      t('compareRuns.columns.when'),
      t('compareRuns.columns.changes'),
      t('compareRuns.columns.epochs'),
      t('compareRuns.csv.best'),
      t('compareRuns.csv.bestEpoch'),
      t('training.runs.columns.test'),
      t('compareRuns.columns.perEpoch'),
      t('training.runs.columns.state'),
    ];
    const name = `${fileStem(oldestFirst[0]?.modelName ?? modelKey ?? 'runs')}_runs.csv`;
    setFailure(null);
    saveFile(name, runsCsv(oldestFirst, header)).catch((error: unknown) =>
      setFailure(error instanceof Error ? error.message : String(error)),
    );
  };
  return (
    <>
      <button type="button" aria-label={t('compareRuns.exportTable')} onClick={exportTable}>
        {t('compareRuns.exportTableShort')}
      </button>
      {failure !== null && (
        <span role="alert" className="chart-export__failure">
          {failure}
        </span>
      )}
    </>
  );
}
