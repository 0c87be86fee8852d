// The confusion matrix as a heatmap of buttons (rows: true class, columns: predicted class); clicking an
// off-diagonal cell asks for the test images behind it.
import { useTranslation } from 'react-i18next';

export interface ConfusionMatrixProps {
  /** confusion[true][predicted] counts. */
  readonly confusion: readonly (readonly number[])[];
  readonly classNames: readonly string[];
  readonly selected: { readonly label: number; readonly predicted: number } | null;
  readonly onSelect: (label: number, predicted: number) => void;
}

/** Cell shading 0..1: the share of the row, on a square-root scale so small confusions still show. */
export function cellShade(count: number, rowTotal: number): number {
  return rowTotal > 0 ? Math.sqrt(count / rowTotal) : 0;
}

export function ConfusionMatrix({ confusion, classNames, selected, onSelect }: ConfusionMatrixProps) {
  const { t } = useTranslation();
  const name = (i: number) => classNames[i] ?? String(i);
  const n = confusion.length;
  return (
    <figure className="training-confusion">
      <figcaption>{t('training.results.confusion')}</figcaption>
      <p className="training-hint">{t('training.results.confusionHint')}</p>
      <div className="training-confusion__grid" style={{ gridTemplateColumns: `auto repeat(${n}, 1fr)` }}>
        <span className="training-confusion__corner" aria-hidden="true">
          <span>{`${t('training.results.predicted')} →`}</span>
          <span>{`${t('training.results.true')} ↓`}</span>
        </span>
        {confusion.map((_, p) => (
          <span key={p} className="training-confusion__head" aria-hidden="true">
            {name(p)}
          </span>
        ))}
        {confusion.map((row, label) => {
          const total = row.reduce((a, b) => a + b, 0);
          return [
            <span key={`h${label}`} className="training-confusion__head is-row" aria-hidden="true">
              {name(label)}
            </span>,
            ...row.map((count, predicted) => {
              const shade = cellShade(count, total);
              const diagonal = label === predicted;
              const isSelected = selected?.label === label && selected.predicted === predicted;
              return (
                <button
                  key={`${label}-${predicted}`}
                  type="button"
                  className={`training-confusion__cell${diagonal ? ' is-diagonal' : ''}${isSelected ? ' is-selected' : ''}`}
                  style={{
                    background: `color-mix(in srgb, var(${diagonal ? '--ok' : '--danger'}) ${Math.round(shade * 85)}%, var(--panel))`,
                    color: shade > 0.55 ? 'var(--accent-text)' : undefined,
                  }}
                  aria-label={t('training.results.cell', {
                    label: name(label),
                    predicted: name(predicted),
                    count,
                  })}
                  aria-pressed={isSelected}
                  onClick={() => onSelect(label, predicted)}
                >
                  {count}
                </button>
              );
            }),
          ];
        })}
      </div>
    </figure>
  );
}
