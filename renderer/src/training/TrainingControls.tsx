// The training panel's controls: the settings form, Train / Pause / Resume / Stop with the reason Train
// is unavailable, the progress bar and the status line.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../engine';
import { ContinueTraining } from './ContinueTraining';
import type { GraphEditTarget } from './diagnosis-target';
import { PausedSettingsForm } from './PausedSettingsForm';
import { ProgressPanel } from './ProgressPanel';
import { RunStatus } from './RunStatus';
import { selectControlledRun, selectHasLiveRun } from './selectors';
import { SettingsForm } from './SettingsForm';
import { TrainButton } from './TrainButton';
import { useAdjustDraft } from './useAdjustDraft';
import { useTrainingStore, useTrainingStoreApi } from './useTrainingStore';
import { useTrainReason } from './useTrainReason';
import './training.css';

export interface TrainingControlsProps {
  /** The model to train; null while the graph is invalid. */
  readonly model: ModelFile | null;
  /** Why training is impossible now (shown to the user), or null. */
  readonly blockedReason: string | null;
  /** Identifies the model across runs (file path or document id): runs are grouped by it. */
  readonly modelKey: string;
  /** The document a paused run's adjustment also edits (its settings and Dropout rates). */
  readonly graphTarget?: GraphEditTarget;
}

export function TrainingControls({ model, blockedReason, modelKey, graphTarget }: TrainingControlsProps) {
  const { t } = useTranslation();
  const store = useTrainingStoreApi();
  const run = useTrainingStore(selectControlledRun);
  const live = useTrainingStore(selectHasLiveRun);
  const starting = useTrainingStore((s) => s.starting);
  const reason = useTrainReason(model, blockedReason);
  const reasonId = useId();

  const state = run?.state;
  const adjust = useAdjustDraft(state === 'paused' ? run : null, graphTarget);
  // Resume first applies the edits made while paused; if the run refuses them it stays paused.
  const resume = async () => {
    if (adjust !== null && !(await adjust.apply())) return;
    await store.getState().resume();
  };

  return (
    <section className="training-controls" aria-label={t('training.controls.title')}>
      <div className="training-buttons">
        <TrainButton model={model} reason={reason} reasonId={reasonId} modelKey={modelKey} />
        <ContinueTraining model={model} reason={reason} modelKey={modelKey} />
        <button type="button" disabled={state !== 'running'} onClick={() => void store.getState().pause()}>
          {t('training.controls.pause')}
        </button>
        <button type="button" disabled={state !== 'paused'} onClick={() => void resume()}>
          {adjust?.changes ? t('adjust.applyAndResume') : t('training.controls.resume')}
        </button>
        <button
          type="button"
          disabled={state !== 'running' && state !== 'paused'}
          onClick={() => void store.getState().stop()}
        >
          {t('training.controls.stop')}
        </button>
      </div>
      <p id={reasonId} className="training-reason">
        {starting ? t('training.controls.starting') : (reason ?? '')}
      </p>
      <ProgressPanel run={run} />
      <RunStatus run={run} />
      {adjust === null ? (
        <SettingsForm disabled={live || starting} />
      ) : (
        <PausedSettingsForm adjust={adjust} />
      )}
    </section>
  );
}
