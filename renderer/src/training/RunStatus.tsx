// The run state line (role=status) and, when something went wrong, the failure or the start error with
// its issues (role=alert).
import { useTranslation } from 'react-i18next';
import { formatPercent } from './format';
import type { RunRecord } from './run-record';
import { useTrainingStore } from './useTrainingStore';

export function RunStatus({ run }: { readonly run: RunRecord | null }) {
  const { t } = useTranslation();
  const error = useTrainingStore((s) => s.error);
  const clearError = useTrainingStore((s) => s.clearError);
  const status =
    run === null
      ? t('training.state.none')
      : t(`training.state.${run.state}`, {
          label: run.label,
          accuracy: formatPercent(run.result?.test_accuracy),
        });
  return (
    <div className="training-status">
      <p role="status" className={`training-status__line training-status__line--${run?.state ?? 'none'}`}>
        {status}
      </p>
      {run?.state === 'failed' && run.failure !== null && (
        <p role="alert" className="training-status__error">
          {run.failure}
        </p>
      )}
      {error !== null && (
        <div role="alert" className="training-status__error">
          <p>{t('training.error.start', { message: error.message })}</p>
          {error.issues.length > 0 && (
            <ul>
              {error.issues.map((issue, i) => (
                <li key={i}>{issue}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={clearError}>
            {t('training.error.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
