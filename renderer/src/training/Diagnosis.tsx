// The Diagnosis section under the training charts: what the run on show's curves say (overfitting,
// underfitting, a learning rate too high or too low) in plain words with the numbers behind it, and a
// button per remedy. A button edits the document (one undo step) or the training settings; it never
// starts training. The rules live in engine/training/diagnosis.ts, the edits in remedies.ts.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diagnose } from '../../../engine/training/diagnosis';
import type { GraphEditTarget } from './diagnosis-target';
import { remedyOptions, type RemedyOption } from './diagnosis-options';
import type { TrainingSettings } from './run-settings-map';
import { selectActiveRun } from './selectors';
import { useThrottledSelection } from './useThrottledSelection';
import { useTrainingStore } from './useTrainingStore';
import './diagnosis.css';

/** The last remedy applied, so its line can say what changed and offer to take it back. */
interface Applied {
  readonly option: RemedyOption;
  readonly before: TrainingSettings;
  /** The editor's revision before the edit (null without an editor: settings undone here). */
  readonly revision: number | null;
}

export function Diagnosis({ target }: { readonly target?: GraphEditTarget | undefined }) {
  const { t } = useTranslation();
  const run = useThrottledSelection(selectActiveRun, 500);
  const settings = useTrainingStore((s) => s.settings);
  const setSettings = useTrainingStore((s) => s.setSettings);
  const [applied, setApplied] = useState<Applied | null>(null);
  const titleId = useId();
  const findings = useMemo(
    () => (run === null ? [] : diagnose({ epochs: run.epochs, batches: run.batches })),
    [run],
  );
  const graph = useMemo(() => target?.getGraph(), [target]);
  if (run === null || run.epochs.length + run.batches.length === 0) return null;

  const apply = (option: RemedyOption) => {
    if (option.kind === 'graph' && target === undefined) return;
    setApplied({ option, before: settings, revision: target?.revision ?? null });
    if (option.kind === 'graph') target?.applyGraph(option.edit.graph, option.edit.added);
    else {
      const redo = () => setSettings(remedyFields(option.next));
      const undo = () => setSettings(remedyFields(settings));
      // Through the editor's history, so Ctrl+Z takes a settings remedy back like a graph one.
      if (target === undefined) redo();
      else target.applyExternal({ undo, redo });
    }
  };
  // The line and its Undo stay while the remedy is still the last change made.
  const current =
    applied !== null &&
    (applied.revision !== null
      ? target?.revision === applied.revision + 1
      : applied.option.kind === 'settings' && sameRemedyFields(settings, applied.option.next));
  const undo = () => {
    if (applied === null) return;
    if (applied.revision !== null) target?.undo();
    else setSettings(remedyFields(applied.before));
    setApplied(null);
  };

  return (
    <section className="diagnosis" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('training.diagnosis.title')}</h3>
      {findings.length === 0 && <p className="diagnosis-none">{t('training.diagnosis.none')}</p>}
      {findings.map((finding) => (
        <div key={finding.kind} className="diagnosis-finding" data-kind={finding.kind}>
          <p>
            <strong>{t(`training.diagnosis.kinds.${finding.kind}`)}</strong>{' '}
            {t(`training.diagnosis.rules.${finding.rule}`, finding.evidence)}
          </p>
          <div className="diagnosis-remedies">
            {remedyOptions(finding, graph, settings).map((option) => (
              <button key={option.id} type="button" onClick={() => apply(option)}>
                {t(`training.diagnosis.remedies.${option.id}`)}{' '}
                <span className="diagnosis-detail">{detail(option, settings, t)}</span>
              </button>
            ))}
          </div>
        </div>
      ))}
      {applied !== null && current && (
        <p className="diagnosis-applied" role="status">
          {t(`training.diagnosis.applied.${applied.option.kind}`, {
            what: detail(applied.option, applied.before, t),
            remedy: t(`training.diagnosis.remedies.${applied.option.id}`),
          })}{' '}
          <button type="button" onClick={undo}>
            {t('common.undo')}
          </button>
        </p>
      )}
    </section>
  );
}

/** The settings a remedy changes: undoing one restores these and leaves the rest of the form alone. */
const remedyFields = (s: TrainingSettings): Partial<TrainingSettings> => ({
  learning_rate: s.learning_rate,
  early_stopping: s.early_stopping,
});

const sameRemedyFields = (a: TrainingSettings, b: TrainingSettings) =>
  a.learning_rate === b.learning_rate && a.early_stopping === b.early_stopping;

type T = ReturnType<typeof useTranslation>['t'];

/** The specifics of a remedy: which layer it edits, or the setting's old and new value. */
function detail(option: RemedyOption, settings: TrainingSettings, t: T): string {
  if (option.kind === 'graph') return t(`training.diagnosis.details.${option.id}`, { layer: option.layer });
  if (option.id === 'early_stopping')
    return t('training.diagnosis.details.early_stopping', { patience: option.next.patience });
  return t('training.diagnosis.details.learning_rate', {
    from: settings.learning_rate,
    to: option.next.learning_rate,
  });
}
