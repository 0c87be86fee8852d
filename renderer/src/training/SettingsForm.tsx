// The run settings: dataset, epochs, batch size, optimizer, learning rate, validation split, seed, early
// stopping, an optional sample limit, threads and the memory budget. Locked while a run is in progress.
import { useId, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from './NumberField';
import { OptimizerField } from './OptimizerField';
import { useTrainingStore } from './useTrainingStore';

// Memoised: its parent re-renders on every training event, the form only when `disabled` flips.
export const SettingsForm = memo(function SettingsForm({ disabled }: { readonly disabled: boolean }) {
  const { t } = useTranslation();
  const settings = useTrainingStore((s) => s.settings);
  const datasets = useTrainingStore((s) => s.datasets);
  const setSettings = useTrainingStore((s) => s.setSettings);
  const datasetId = useId();
  const earlyId = useId();
  const known = datasets?.some((d) => d.id === settings.dataset) ?? false;

  return (
    <fieldset className="training-settings" disabled={disabled}>
      <legend>{t('training.settings.title')}</legend>
      <div className="training-field training-field--wide">
        <label htmlFor={datasetId}>{t('training.settings.dataset')}</label>
        <select
          id={datasetId}
          value={settings.dataset}
          onChange={(e) => setSettings({ dataset: e.target.value })}
        >
          {!known && <option value={settings.dataset}>{settings.dataset}</option>}
          {datasets?.map((d) => (
            <option key={d.id} value={d.id} disabled={!d.available} title={d.reason ?? undefined}>
              {d.available
                ? d.name
                : t('training.settings.unavailable', { name: d.name, reason: d.reason ?? '' })}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label={t('training.settings.epochs')}
        value={settings.epochs}
        min={1}
        max={1000}
        integer
        onCommit={(v) => v !== null && setSettings({ epochs: v })}
      />
      <NumberField
        label={t('training.settings.batchSize')}
        value={settings.batch_size}
        min={1}
        max={4096}
        integer
        onCommit={(v) => v !== null && setSettings({ batch_size: v })}
      />
      <OptimizerField
        label={t('training.settings.optimizer')}
        value={settings.optimizer}
        onChange={(optimizer) => setSettings({ optimizer })}
      />
      <NumberField
        label={t('training.settings.learningRate')}
        value={settings.learning_rate}
        min={1e-7}
        max={10}
        step="any"
        onCommit={(v) => v !== null && setSettings({ learning_rate: v })}
      />
      <NumberField
        label={t('training.settings.validationSplit')}
        value={settings.validation_split}
        min={0}
        max={0.9}
        step={0.05}
        onCommit={(v) => v !== null && setSettings({ validation_split: v })}
      />
      <NumberField
        label={t('training.settings.seed')}
        value={settings.seed}
        min={0}
        max={2 ** 32 - 1}
        integer
        onCommit={(v) => v !== null && setSettings({ seed: v })}
      />
      <NumberField
        label={t('training.settings.limit')}
        value={settings.limit}
        min={1}
        max={10_000_000}
        integer
        allowEmpty
        placeholder={t('training.settings.limitPlaceholder')}
        onCommit={(v) => setSettings({ limit: v })}
      />
      <NumberField
        label={t('training.settings.threads')}
        value={settings.threads}
        min={1}
        max={256}
        integer
        allowEmpty
        placeholder={t('training.settings.threadsPlaceholder')}
        onCommit={(v) => setSettings({ threads: v })}
      />
      <NumberField
        label={t('training.settings.memoryBudget')}
        value={settings.memory_budget_mb}
        min={1}
        max={16_777_216}
        integer
        allowEmpty
        placeholder={t('training.settings.memoryBudgetPlaceholder')}
        onCommit={(v) => setSettings({ memory_budget_mb: v })}
      />
      <div className="training-field training-field--check">
        <input
          id={earlyId}
          type="checkbox"
          checked={settings.early_stopping}
          onChange={(e) => setSettings({ early_stopping: e.target.checked })}
        />
        <label htmlFor={earlyId}>{t('training.settings.earlyStopping')}</label>
      </div>
      <NumberField
        label={t('training.settings.patience')}
        value={settings.patience}
        min={1}
        max={1000}
        integer
        disabled={!settings.early_stopping}
        onCommit={(v) => v !== null && setSettings({ patience: v })}
      />
    </fieldset>
  );
});
