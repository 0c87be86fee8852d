// The Train button, the same in the dock's controls and in the one-line status bar: disabled with the
// reason (as its title and its described-by text) while the model cannot be trained.
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../engine';
import { useTrainingStore, useTrainingStoreApi } from './useTrainingStore';

export interface TrainButtonProps {
  readonly model: ModelFile | null;
  /** Why Train cannot start (useTrainReason), or null. */
  readonly reason: string | null;
  /** The id of the element that shows the reason. */
  readonly reasonId: string;
  /** The document the run belongs to. */
  readonly modelKey: string;
}

export function TrainButton({ model, reason, reasonId, modelKey }: TrainButtonProps) {
  const { t } = useTranslation();
  const store = useTrainingStoreApi();
  const starting = useTrainingStore((s) => s.starting);
  return (
    <button
      type="button"
      className="primary"
      disabled={reason !== null || starting || model === null}
      title={reason ?? undefined}
      aria-describedby={reason !== null ? reasonId : undefined}
      onClick={() => model !== null && void store.getState().start(model, modelKey)}
    >
      {t('training.controls.train')}
    </button>
  );
}
