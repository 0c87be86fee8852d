// While the run on show is paused, the settings it may change (learning rate, optimizer, batch size, early
// stopping, each Dropout-family layer's rate) are edited in place of the run settings. Apply (or Resume)
// sends only what changed; the notes say what a change implies, and a refusal shows at the field it names.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjustDraftState } from './useAdjustDraft';
import { NumberField } from './NumberField';
import { shownValues } from './run-adjust';
import { OptimizerField } from './OptimizerField';
import type { UserError } from './store-types';
import { useTrainingStore } from './useTrainingStore';

const FIELDS = ['learning_rate', 'optimizer', 'batch_size', 'early_stopping', 'dropout'] as const;
type Field = (typeof FIELDS)[number];

/** The setting a refusal names ("changes.batch_size: ..." or an issue's field), so it shows beside it. */
export function fieldOfError(error: UserError): Field | null {
  const text = [error.message, ...error.issues].join(' ');
  return FIELDS.find((field) => new RegExp(`\\b${field}\\b`).test(text)) ?? null;
}

export function PausedSettingsForm({ adjust }: { readonly adjust: AdjustDraftState }) {
  const { t } = useTranslation();
  const error = useTrainingStore((s) => s.adjustError);
  const earlyId = useId();
  const errorId = useId();
  const { current, draft, changes, edit } = adjust;
  const shown = shownValues(current, draft);
  const errorField = error === null ? null : fieldOfError(error);
  const refusal = (field: Field | null) =>
    error !== null && errorField === field ? (
      <p id={errorId} className="adjust-error" role="alert">
        {t('adjust.refused', { message: [error.message, ...error.issues].join(' ') })}
      </p>
    ) : null;
  const layers = Object.keys(current.dropout);

  return (
    <fieldset className="training-settings adjust-settings">
      <legend>{t('adjust.title')}</legend>
      <p className="adjust-hint">{t('adjust.hint')}</p>
      <NumberField
        label={t('adjust.learningRate')}
        value={shown.learning_rate}
        min={1e-7}
        max={10}
        step="any"
        onCommit={(v) => v !== null && edit({ learning_rate: v })}
      />
      {refusal('learning_rate')}
      <OptimizerField
        label={t('adjust.optimizer')}
        value={shown.optimizer}
        onChange={(optimizer) => edit({ optimizer })}
      />
      {refusal('optimizer')}
      <NumberField
        label={t('adjust.batchSize')}
        value={shown.batch_size}
        min={1}
        max={4096}
        integer
        onCommit={(v) => v !== null && edit({ batch_size: v })}
      />
      {refusal('batch_size')}
      <div className="training-field training-field--check">
        <input
          id={earlyId}
          type="checkbox"
          checked={shown.early_stopping}
          onChange={(e) => edit({ early_stopping: e.target.checked })}
        />
        <label htmlFor={earlyId}>{t('adjust.earlyStopping')}</label>
      </div>
      <NumberField
        label={t('adjust.patience')}
        value={shown.patience}
        min={1}
        max={1000}
        integer
        disabled={!shown.early_stopping}
        onCommit={(v) => v !== null && edit({ patience: v })}
      />
      <NumberField
        label={t('adjust.minDelta')}
        value={shown.min_delta}
        min={0}
        max={1e6}
        step="any"
        disabled={!shown.early_stopping}
        onCommit={(v) => v !== null && edit({ min_delta: v })}
      />
      {refusal('early_stopping')}
      {layers.length > 0 && (
        <div className="adjust-dropout" role="group" aria-label={t('adjust.dropout')}>
          {layers.map((layer) => (
            <NumberField
              key={layer}
              label={t('adjust.dropoutRate', { layer })}
              value={shown.dropout[layer] ?? 0}
              min={0}
              max={0.95}
              step={0.05}
              onCommit={(v) => v !== null && edit({ dropout: { [layer]: v } })}
            />
          ))}
        </div>
      )}
      {refusal('dropout')}
      {changes?.optimizer !== undefined && <p className="adjust-note">{t('adjust.optimizerReset')}</p>}
      {changes?.batch_size !== undefined && <p className="adjust-note">{t('adjust.batchNextEpoch')}</p>}
      {refusal(null)}
      <div className="adjust-actions">
        <button type="button" disabled={changes === null} onClick={() => void adjust.apply()}>
          {t('adjust.apply')}
        </button>
        <button type="button" disabled={changes === null && error === null} onClick={adjust.discard}>
          {t('adjust.discard')}
        </button>
      </div>
    </fieldset>
  );
}
