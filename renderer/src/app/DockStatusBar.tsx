// The training dock's first line, and all of it while the dock is collapsed: the run's state, a small
// progress bar, epoch, last loss and accuracy and ETA, the run buttons (while collapsed; the open dock
// has its own), and the buttons that open, hide or maximize the dock. Its height is fixed whatever the
// run state, so nothing around it moves while a run starts, pauses or ends.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../engine';
import { useTrainingStore, useTrainingStoreApi } from '../training';
import { formatEta, formatNumber, formatPercent } from '../training/format';
import { selectControlledRun, selectHasLiveRun } from '../training/selectors';
import { TrainButton } from '../training/TrainButton';
import { useTrainReason } from '../training/useTrainReason';
import type { DockMode } from './useDockLayout';

export interface DockStatusBarProps {
  readonly mode: DockMode;
  readonly bodyId: string;
  readonly onToggleOpen: () => void;
  readonly onToggleMaximized: () => void;
  readonly model: ModelFile | null;
  readonly blockedReason: string | null;
  readonly modelKey: string;
}

export function DockStatusBar(props: DockStatusBarProps) {
  const { mode, bodyId, onToggleOpen, onToggleMaximized, model, blockedReason, modelKey } = props;
  const { t } = useTranslation();
  const store = useTrainingStoreApi();
  const run = useTrainingStore(selectControlledRun);
  const live = useTrainingStore(selectHasLiveRun);
  const reason = useTrainReason(model, blockedReason);
  const reasonId = useId();
  const collapsed = mode === 'collapsed';
  const state = run?.state;
  const percent = Math.round((run?.progress ?? 0) * 100);
  const last = run?.batches[run.batches.length - 1];
  const stateText =
    run === null
      ? t('training.progress.idle')
      : state === 'paused'
        ? t('training.controls.paused')
        : t(`training.state.${run.state}`, {
            label: run.label,
            accuracy: formatPercent(run.result?.test_accuracy),
          });
  const epochs = run?.started?.epochs ?? run?.settings.epochs ?? 0;
  const details =
    run === null
      ? ''
      : [
          `${Math.max(run.epoch, run.started ? 1 : 0)}/${epochs}`,
          t('common.layout.metrics', {
            loss: formatNumber(last?.loss),
            accuracy: formatPercent(last?.accuracy, 1),
          }),
          `ETA ${state === 'paused' ? t('training.progress.pausedEta') : formatEta(run.etaSeconds)}`,
        ].join(' · ');

  return (
    <div className="dock-bar" data-testid="dock-status-bar">
      <button
        type="button"
        className="dock-bar__toggle"
        aria-expanded={!collapsed}
        aria-controls={bodyId}
        onClick={onToggleOpen}
      >
        <span aria-hidden="true">{collapsed ? '▴' : '▾'}</span>{' '}
        {t(collapsed ? 'common.layout.showDock' : 'common.layout.hideDock')}
      </button>
      <span className={`dock-bar__state dock-bar__state--${state ?? 'none'}`}>{stateText}</span>
      <div
        className="dock-bar__progress"
        {...(collapsed
          ? {
              role: 'progressbar',
              'aria-label': t('training.progress.label'),
              'aria-valuemin': 0,
              'aria-valuemax': 100,
              'aria-valuenow': percent,
              'aria-valuetext': `${percent}%`,
            }
          : { 'aria-hidden': true })}
      >
        <div className="dock-bar__fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <span className="dock-bar__details" data-testid="dock-status-details">
        {details}
      </span>
      {collapsed && (
        <span className="dock-bar__buttons">
          {!live ? (
            <TrainButton model={model} reason={reason} reasonId={reasonId} modelKey={modelKey} />
          ) : state === 'paused' ? (
            <button type="button" onClick={() => void store.getState().resume()}>
              {t('training.controls.resume')}
            </button>
          ) : (
            <button
              type="button"
              disabled={state !== 'running'}
              onClick={() => void store.getState().pause()}
            >
              {t('training.controls.pause')}
            </button>
          )}
          {live && (
            <button type="button" onClick={() => void store.getState().stop()}>
              {t('training.controls.stop')}
            </button>
          )}
          <span id={reasonId} className="visually-hidden">
            {reason ?? ''}
          </span>
        </span>
      )}
      <button type="button" className="dock-bar__maximize" onClick={onToggleMaximized}>
        {t(mode === 'maximized' ? 'common.layout.restoreDock' : 'common.layout.maximizeDock')}
      </button>
    </div>
  );
}
