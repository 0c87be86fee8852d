// The model's class probabilities for one input as bars, the most likely class highlighted.
import { useTranslation } from 'react-i18next';
import { formatPercent } from './format';

export function ProbabilityBars({
  probabilities,
  classNames,
}: {
  readonly probabilities: readonly number[] | null;
  readonly classNames: readonly string[];
}) {
  const { t } = useTranslation();
  const count = Math.max(probabilities?.length ?? 0, classNames.length);
  const best = probabilities === null ? -1 : probabilities.indexOf(Math.max(...probabilities));
  const name = (i: number) => classNames[i] ?? String(i);
  return (
    <figure className="training-bars training-bars--probabilities">
      <figcaption>
        {best >= 0 && probabilities !== null
          ? t('training.draw.prediction', {
              name: name(best),
              confidence: formatPercent(probabilities[best], 1),
            })
          : t('training.draw.probabilities')}
      </figcaption>
      <ul aria-label={t('training.draw.probabilities')}>
        {Array.from({ length: count }, (_, i) => {
          const p = probabilities?.[i] ?? 0;
          return (
            <li key={i} className={i === best ? 'is-best' : undefined}>
              <span className="training-bars__name">{name(i)}</span>
              <span className="training-bars__track">
                <span className="training-bars__fill" style={{ width: `${p * 100}%` }} />
              </span>
              <span className="training-bars__value">
                {probabilities === null ? '–' : formatPercent(p, 1)}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
