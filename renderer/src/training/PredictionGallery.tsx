// The first 24 test images with the trained model's prediction and confidence for each (one predict
// call for all of them, with the run's weights); wrong predictions are highlighted.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitImage } from './DigitImage';
import { formatPercent } from './format';
import { useTestImages } from './useTestImages';
import { useTrainingStore } from './useTrainingStore';

const INDICES = Array.from({ length: 24 }, (_, i) => i);

export interface PredictionGalleryProps {
  readonly sessionId: string;
  readonly dataset: string;
  readonly classNames: readonly string[];
}

export function PredictionGallery({ sessionId, dataset, classNames }: PredictionGalleryProps) {
  const { t } = useTranslation();
  const predict = useTrainingStore((s) => s.predict);
  const { images, error } = useTestImages(dataset, INDICES);
  const [predictions, setPredictions] = useState<{ sessionId: string; items: (number[] | null)[] }>({
    sessionId: '',
    items: [],
  });

  useEffect(() => {
    if (images === null) return;
    let current = true;
    const batch = images.images.map((pixels) => Array.from(pixels, (v) => v / 255));
    predict(sessionId, batch).then(
      (items) => current && setPredictions({ sessionId, items }),
      () => current && setPredictions({ sessionId, items: batch.map(() => null) }),
    );
    return () => {
      current = false;
    };
  }, [predict, sessionId, images]);

  const name = (i: number) => classNames[i] ?? String(i);
  if (error !== null) return <p role="alert">{error}</p>;
  const items = predictions.sessionId === sessionId ? predictions.items : [];
  return (
    <figure className="training-gallery">
      <figcaption>{t('training.results.gallery')}</figcaption>
      {images === null ? (
        <p>{t('training.results.loading')}</p>
      ) : (
        <ul className="training-image-grid">
          {images.images.map((pixels, i) => {
            const probs = items[i];
            const label = images.labels[i] ?? -1;
            const predicted = probs ? probs.indexOf(Math.max(...probs)) : -1;
            const wrong = probs != null && predicted !== label;
            const caption = probs
              ? t('training.results.galleryItem', {
                  label: name(label),
                  predicted: name(predicted),
                  confidence: formatPercent(probs[predicted], 0),
                })
              : name(label);
            return (
              <li key={i} className={wrong ? 'is-wrong' : undefined}>
                <DigitImage
                  pixels={pixels}
                  width={images.width}
                  height={images.height}
                  alt={t('training.results.imageAlt', { index: i, label: name(label) })}
                />
                <span className="training-gallery__caption">{caption}</span>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}
