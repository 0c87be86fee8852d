// Test accuracy of each class as a row of labelled horizontal bars.
import { useTranslation } from 'react-i18next';
import { formatPercent } from './format';

export function PerClassAccuracy({
  accuracy,
  classNames,
}: {
  readonly accuracy: readonly number[];
  readonly classNames: readonly string[];
}) {
  const { t } = useTranslation();
  return (
    <figure className="training-bars">
      <figcaption>{t('training.results.perClass')}</figcaption>
      <ul>
        {accuracy.map((value, i) => (
          <li key={i}>
            <span className="training-bars__name">{classNames[i] ?? i}</span>
            <span className="training-bars__track">
              <span
                className="training-bars__fill"
                style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }}
              />
            </span>
            <span className="training-bars__value">{formatPercent(value, 1)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
