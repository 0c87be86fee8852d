// Results of the run on show: test accuracy and loss, the confusion matrix beside the draw-a-digit pad
// (so both are in view at once in the maximized dock), the test images of a clicked cell, per-class
// accuracy and a gallery of test predictions.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DigitPredictor } from './DigitPredictor';
import { formatNumber, formatPercent, formatRate } from './format';
import { MisclassifiedImages } from './MisclassifiedImages';
import { PerClassAccuracy } from './PerClassAccuracy';
import { PredictionGallery } from './PredictionGallery';
import { selectActiveRun, selectClassNames } from './selectors';
import { useTrainingStore } from './useTrainingStore';
import './results.css';

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));

export function ResultsPanel() {
  const { t } = useTranslation();
  const run = useTrainingStore(selectActiveRun);
  const classNames =
    useTrainingStore((s) => selectClassNames(s, selectActiveRun(s)?.settings.dataset)) ?? DIGITS;
  const [cell, setCell] = useState<{ runId: string; label: number; predicted: number } | null>(null);

  if (run === null || (run.result === null && run.state !== 'stopped'))
    return <p className="training-empty">{t('training.results.pending')}</p>;
  const { result, sessionId } = run;
  const dataset = run.settings.dataset;
  const selected = cell?.runId === sessionId ? cell : null;

  return (
    <div className="training-results">
      {result === null ? (
        <p className="training-hint">{t('training.results.stoppedNote')}</p>
      ) : (
        <>
          <dl className="training-summary">
            <div>
              <dt>{t('training.results.testAccuracy')}</dt>
              <dd data-testid="test-accuracy">{formatPercent(result.test_accuracy)}</dd>
            </div>
            <div>
              <dt>{t('training.results.testLoss')}</dt>
              <dd data-testid="test-loss">{formatNumber(result.test_loss)}</dd>
            </div>
            <div>
              <dd>{t('training.results.speed', { rate: formatRate(result.train_samples_per_second) })}</dd>
              {result.stopped_early && result.best_epoch !== null && (
                <dd>{t('training.results.stoppedEarly', { epoch: result.best_epoch })}</dd>
              )}
            </div>
          </dl>
          <div className="training-results__row">
            <ConfusionMatrix
              confusion={result.confusion}
              classNames={classNames}
              selected={selected}
              onSelect={(label, predicted) => setCell({ runId: sessionId, label, predicted })}
            />
            <DigitPredictor sessionId={sessionId} classNames={classNames} />
          </div>
          {selected !== null && (
            <MisclassifiedImages
              dataset={dataset}
              misclassified={result.misclassified}
              label={selected.label}
              predicted={selected.predicted}
              classNames={classNames}
              onClose={() => setCell(null)}
            />
          )}
          <PerClassAccuracy accuracy={result.per_class_accuracy} classNames={classNames} />
        </>
      )}
      {result === null && <DigitPredictor sessionId={sessionId} classNames={classNames} />}
      <PredictionGallery sessionId={sessionId} dataset={dataset} classNames={classNames} />
    </div>
  );
}
