// A labelled number input that keeps the user's text while they type and commits only valid values,
// marking the field invalid (with the allowed range) otherwise.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface NumberFieldProps {
  readonly label: string;
  readonly value: number | null;
  readonly onCommit: (value: number | null) => void;
  readonly min: number;
  readonly max: number;
  readonly step?: number | 'any';
  readonly integer?: boolean;
  /** An empty field commits null (e.g. "no limit"). */
  readonly allowEmpty?: boolean;
  readonly placeholder?: string;
  readonly disabled?: boolean;
}

export function parseNumberField(
  text: string,
  props: Pick<NumberFieldProps, 'min' | 'max' | 'integer' | 'allowEmpty'>,
): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return props.allowEmpty ? null : undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < props.min || value > props.max) return undefined;
  if (props.integer && !Number.isInteger(value)) return undefined;
  return value;
}

export function NumberField(props: NumberFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const shown = props.value === null ? '' : String(props.value);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? shown;
  const invalid = draft !== null && parseNumberField(draft, props) === undefined;

  return (
    <div className="training-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode={props.integer ? 'numeric' : 'decimal'}
        min={props.min}
        max={props.max}
        step={props.step ?? (props.integer ? 1 : 'any')}
        value={text}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={invalid}
        title={invalid ? t('training.settings.invalid', { min: props.min, max: props.max }) : undefined}
        onChange={(event) => {
          const next = event.target.value;
          const parsed = parseNumberField(next, props);
          if (parsed !== undefined) props.onCommit(parsed);
          setDraft(next); // the user's text stays as typed ("0.") until the field loses focus
        }}
        onBlur={() => setDraft(null)}
      />
    </div>
  );
}
