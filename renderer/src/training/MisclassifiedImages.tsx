// The test images behind one confusion-matrix cell (true class, predicted class), up to 48 of them.
// Choosing a cell scrolls them into view, since they appear below the matrix, often out of sight.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Misclassified } from '../../../engine/api/events';
import { useLookInsideApi } from '../look-inside/LookInsideContext';
import { DigitImage } from './DigitImage';
import { useTestImages } from './useTestImages';

const MAX_SHOWN = 48;

export interface MisclassifiedImagesProps {
  readonly dataset: string;
  readonly misclassified: readonly Misclassified[];
  readonly label: number;
  readonly predicted: number;
  readonly classNames: readonly string[];
  readonly onClose: () => void;
}

export function MisclassifiedImages({
  dataset,
  misclassified,
  label,
  predicted,
  classNames,
  onClose,
}: MisclassifiedImagesProps) {
  const { t } = useTranslation();
  const matching = useMemo(
    () => misclassified.filter((m) => m.label === label && m.predicted === predicted).map((m) => m.index),
    [misclassified, label, predicted],
  );
  const indices = useMemo(() => matching.slice(0, MAX_SHOWN), [matching]);
  const { images, error } = useTestImages(dataset, indices);
  const name = (i: number) => classNames[i] ?? String(i);
  const title = t('training.results.misclassified', { label: name(label), predicted: name(predicted) });
  const root = useRef<HTMLElement>(null);
  const inside = useLookInsideApi();
  // Looking inside with an image: the canvas's activations view, with that test image as the input.
  const lookInside = (index: number) => {
    inside.getState().setView('activations');
    inside.getState().setInput({ kind: 'test', index });
  };
  useEffect(() => {
    root.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [label, predicted, images]);

  return (
    <section className="training-misclassified" aria-label={title} ref={root} data-testid="misclassified">
      <header>
        <h4>{title}</h4>
        <button type="button" onClick={onClose}>
          {t('training.results.close')}
        </button>
      </header>
      {matching.length === 0 ? (
        <p>{t('training.results.noImages')}</p>
      ) : error !== null ? (
        <p role="alert">{error}</p>
      ) : images === null ? (
        <p>{t('training.results.loading')}</p>
      ) : (
        <>
          {matching.length > indices.length && (
            <p>{t('training.results.moreImages', { shown: indices.length, total: matching.length })}</p>
          )}
          <div className="training-image-grid">
            {images.images.map((pixels, i) => {
              const index = indices[i] as number;
              return (
                <button
                  key={index}
                  type="button"
                  className="training-image-look"
                  data-testid="misclassified-look-inside"
                  title={t('training.lookInside.image', { index })}
                  aria-label={t('training.lookInside.image', { index })}
                  onClick={() => lookInside(index)}
                >
                  <DigitImage
                    pixels={pixels}
                    width={images.width}
                    height={images.height}
                    alt={t('training.results.imageAlt', {
                      index,
                      label: name(images.labels[i] ?? label),
                    })}
                  />
                </button>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
