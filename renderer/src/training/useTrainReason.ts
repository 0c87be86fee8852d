// Why Train cannot start now, in words for the user, or null when it can: shared by the dock's
// controls and the one-line status bar so both buttons say the same thing. A paused run gets its own
// message that names the way out (Resume or Stop) instead of a generic "a run is in progress".
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../engine';
import { selectControlledRun, selectHasLiveRun } from './selectors';
import { useTrainingStore } from './useTrainingStore';

export function useTrainReason(model: ModelFile | null, blockedReason: string | null): string | null {
  const { t } = useTranslation();
  const live = useTrainingStore(selectHasLiveRun);
  const paused = useTrainingStore((s) => selectControlledRun(s)?.state === 'paused');
  const dataset = useTrainingStore((s) => s.datasets?.find((d) => d.id === s.settings.dataset) ?? null);
  return (
    blockedReason ??
    (model === null ? t('training.controls.invalidModel') : null) ??
    (live ? t(paused ? 'training.controls.paused' : 'training.controls.busy') : null) ??
    (dataset !== null && !dataset.available
      ? t('training.controls.datasetUnavailable', { name: dataset.name, reason: dataset.reason ?? '' })
      : null)
  );
}
