// One parameter's control, chosen from its spec: numbers and lists as validated text, choices as a
// select, booleans as a checkbox, pairs and factors as one or two numbers (optionally "auto"), an image's
// four sides as "(top, bottom), (left, right)", a regularizer as "l2=0.001". Errors from the engine for
// this field are shown under it. Help, option labels and errors arrive in the UI language.
import { useTranslation } from 'react-i18next';
import type { ParamSpec } from '../../../../engine';
import { optionLabel } from '../../i18n/layer-text';
import {
  parseListText,
  parseNumberText,
  parseRegularizerText,
  parseSidesText,
  regularizerText,
  sidesText,
  valueText,
} from './param-text';
import { TextParamField } from './TextParamField';

export interface ParamFieldProps {
  readonly nodeId: string;
  readonly name: string;
  readonly spec: ParamSpec<unknown>;
  /** The parameter's help text, translated. */
  readonly help: string;
  /** The raw value in the document (undefined: the default applies). */
  readonly raw: unknown;
  /** The resolved value (default filled in) when the params are valid. */
  readonly resolved: unknown;
  readonly error: string | undefined;
  readonly onChange: (value: unknown) => void;
}

export function ParamField({ nodeId, name, spec, help, raw, resolved, error, onChange }: ParamFieldProps) {
  const { t } = useTranslation();
  const id = `param-${nodeId}-${name}`;
  const docId = `${id}-doc`;
  const errorId = `${id}-error`;
  const describedBy = error ? `${docId} ${errorId}` : docId;
  const current = raw ?? resolved ?? spec.default;
  const control = spec.control;
  let input;
  if (control.kind === 'bool') {
    input = (
      <input
        id={id}
        type="checkbox"
        checked={current === true}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (control.kind === 'choice') {
    input = (
      <select
        id={id}
        value={String(current)}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {control.options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(t, o)}
          </option>
        ))}
      </select>
    );
  } else if (control.kind === 'pair' || control.kind === 'dims' || control.kind === 'factor') {
    const nullable = (control.kind === 'pair' || control.kind === 'factor') && control.nullable;
    input = (
      <TextParamField
        id={id}
        value={raw ?? resolved}
        parse={parseListText}
        format={valueText}
        onChange={(v) => onChange(v === undefined && nullable ? null : v)}
        invalid={error !== undefined}
        describedBy={describedBy}
        placeholder={nullable ? t('editor.inspector.auto') : valueText(spec.default)}
      />
    );
  } else if (control.kind === 'regularizer') {
    input = (
      <TextParamField
        id={id}
        value={raw ?? resolved}
        parse={parseRegularizerText}
        format={regularizerText}
        onChange={onChange}
        invalid={error !== undefined}
        describedBy={describedBy}
        placeholder={t('editor.inspector.noRegularizer')}
      />
    );
  } else if (control.kind === 'sides') {
    input = (
      <TextParamField
        id={id}
        value={raw ?? resolved}
        parse={parseSidesText}
        format={sidesText}
        onChange={onChange}
        invalid={error !== undefined}
        describedBy={describedBy}
        placeholder={sidesText(spec.default)}
      />
    );
  } else {
    input = (
      <TextParamField
        id={id}
        value={raw ?? resolved}
        parse={parseNumberText}
        format={valueText}
        onChange={onChange}
        invalid={error !== undefined}
        describedBy={describedBy}
        inputMode={control.kind === 'int' ? 'numeric' : 'decimal'}
        placeholder={valueText(spec.default)}
      />
    );
  }
  return (
    <div className={`param-field param-${control.kind}`}>
      <label htmlFor={id}>{name}</label>
      {input}
      <small id={docId} className="muted">
        {help}
      </small>
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
