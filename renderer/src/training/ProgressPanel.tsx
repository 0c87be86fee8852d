// The active run's progress: a fixed-size bar (role=progressbar) and one line with the epoch, step, ETA
// and speed, laid out so nothing moves while the numbers change. A paused run shows "paused" as its ETA.
import { useTranslation } from 'react-i18next';
import { formatEta, formatRate } from './format';
import type { RunRecord } from './run-record';
import { stepsInEpoch } from './run-steps';

export function ProgressPanel({ run }: { readonly run: RunRecord | null }) {
  const { t } = useTranslation();
  const percent = Math.round((run?.progress ?? 0) * 100);
  const epochs = run?.started?.epochs ?? run?.settings.epochs ?? 0;
  const steps = run === null ? 0 : stepsInEpoch(run, Math.max(run.epoch, 1));
  const line =
    run === null
      ? t('training.progress.idle')
      : t('training.progress.line', {
          epoch: Math.max(run.epoch, run.started ? 1 : 0),
          epochs,
          step: run.step,
          steps,
          eta: run.state === 'paused' ? t('training.progress.pausedEta') : formatEta(run.etaSeconds),
          rate: formatRate(run.samplesPerSecond),
        });
  return (
    <div className="training-progress">
      <div
        className="training-progress__bar"
        role="progressbar"
        aria-label={t('training.progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <div className="training-progress__fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <p className="training-progress__line">{line}</p>
    </div>
  );
}
