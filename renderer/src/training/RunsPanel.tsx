// The runs of the open document: label, state, final accuracies and whether its weights are kept, a
// button to show one in the dashboard (Save, Export and the predictions then use its weights) and a
// Compare box to overlay its epoch curves on the run on show.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatPercent } from './format';
import { selectRunIdsOfModel } from './selectors';
import { useTrainingStore } from './useTrainingStore';

export function RunsPanel() {
  const { t } = useTranslation();
  const modelKey = useTrainingStore((s) => s.modelKey);
  const ids = useTrainingStore(useShallow(selectRunIdsOfModel(modelKey)));
  if (ids.length === 0) return <p className="training-empty">{t('training.runs.empty')}</p>;
  return (
    <>
      <p className="training-hint">{t('training.runs.weightsHint')}</p>
      <table className="training-runs">
        <caption>{t('training.runs.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.runs.columns.run')}</th>
            <th scope="col">{t('training.runs.columns.state')}</th>
            <th scope="col">{t('training.runs.columns.train')}</th>
            <th scope="col">{t('training.runs.columns.validation')}</th>
            <th scope="col">{t('training.runs.columns.test')}</th>
            <th scope="col">{t('training.runs.columns.weights')}</th>
            <th scope="col">{t('training.runs.compare')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('training.runs.show')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <RunRow key={id} runId={id} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function RunRow({ runId }: { readonly runId: string }) {
  const { t } = useTranslation();
  const run = useTrainingStore((s) => s.runs[runId]);
  const active = useTrainingStore((s) => s.activeRunId === runId);
  const compared = useTrainingStore((s) => s.selectedRunIds.includes(runId));
  const hasWeights = useTrainingStore((s) => s.weights[runId] !== undefined);
  const toggleOverlay = useTrainingStore((s) => s.toggleOverlay);
  const selectRun = useTrainingStore((s) => s.selectRun);
  if (run === undefined) return null;
  const lastEpoch = run.epochs[run.epochs.length - 1];
  return (
    <tr className={active ? 'is-active' : undefined}>
      <th scope="row">{run.label}</th>
      <td>{t(`training.runs.states.${run.state}`)}</td>
      <td>{formatPercent(lastEpoch?.accuracy)}</td>
      <td>{formatPercent(lastEpoch?.val_accuracy)}</td>
      <td>{formatPercent(run.result?.test_accuracy)}</td>
      <td>{t(hasWeights ? 'training.runs.weights.kept' : 'training.runs.weights.none')}</td>
      <td>
        <input
          type="checkbox"
          aria-label={t('training.runs.compareRun', { label: run.label })}
          checked={compared}
          disabled={active}
          onChange={() => toggleOverlay(runId)}
        />
      </td>
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
