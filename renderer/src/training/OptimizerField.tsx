// The optimizer select of the settings form and of the paused run's form: Keras' optimizers by name.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { OPTIMIZERS, type OptimizerName } from './run-settings-map';

export function OptimizerField(props: {
  readonly label: string;
  readonly value: OptimizerName;
  readonly onChange: (value: OptimizerName) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="training-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as OptimizerName)}>
        {OPTIMIZERS.map((name) => (
          <option key={name} value={name}>
            {t(`training.settings.optimizers.${name}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
