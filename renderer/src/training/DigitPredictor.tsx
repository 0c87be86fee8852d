// The draw-a-digit tryout: the drawing pad and the trained model's class probabilities for the drawing.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DrawingPad } from './DrawingPad';
import { ProbabilityBars } from './ProbabilityBars';
import { useTrainingStore } from './useTrainingStore';

export function DigitPredictor({
  sessionId,
  classNames,
}: {
  readonly sessionId: string;
  readonly classNames: readonly string[];
}) {
  const { t } = useTranslation();
  const predict = useTrainingStore((s) => s.predict);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  const onChange = useCallback(
    (image: number[] | null) => {
      const id = ++request.current;
      if (image === null) {
        setProbabilities(null);
        return;
      }
      predict(sessionId, [image]).then(
        ([probabilities]) => {
          if (id !== request.current) return;
          setProbabilities(probabilities ?? null);
          setError(null);
        },
        (e: unknown) => id === request.current && setError((e as Error).message),
      );
    },
    [predict, sessionId],
  );

  return (
    <section className="training-draw" aria-label={t('training.draw.title')}>
      <h4>{t('training.draw.title')}</h4>
      <div className="training-draw__body">
        <DrawingPad onChange={onChange} />
        <ProbabilityBars probabilities={probabilities} classNames={classNames} />
      </div>
      {error !== null && <p role="alert">{error}</p>}
    </section>
  );
}
