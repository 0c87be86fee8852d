// The activations view's input: one of the first test images, or a digit drawn on the pad. Each choice
// (and each throttled change of the drawing) asks for every layer's output from the run on show's
// trained weights; an answer to an older request is dropped.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DigitImage } from '../training/DigitImage';
import { DrawingPad } from '../training/DrawingPad';
import { useTestImages } from '../training/useTestImages';
import { useTrainingStore, useTrainingStoreApi } from '../training/useTrainingStore';
import { useLookInside, useLookInsideApi } from './LookInsideContext';
import { selectRunOnShow } from './useRunOnShow';

const INDICES = Array.from({ length: 8 }, (_, i) => i);

export function ActivationsPicker() {
  const { t } = useTranslation();
  const training = useTrainingStoreApi();
  const inside = useLookInsideApi();
  const runId = useTrainingStore(selectRunOnShow);
  const hasWeights = useTrainingStore((s) => runId !== null && s.weights[runId] !== undefined);
  const dataset =
    useTrainingStore((s) => (runId === null ? null : s.runs[runId]?.settings.dataset)) ?? 'mnist';
  const input = useLookInside((s) => s.input);
  const loading = useLookInside((s) => s.loading);
  const error = useLookInside((s) => s.error);
  const testIndex = input?.kind === 'test' ? input.index : null;
  // A test image picked elsewhere (a misclassified one in the results) joins the first ones.
  const indices = useMemo(
    () => (testIndex !== null && !INDICES.includes(testIndex) ? [...INDICES, testIndex] : INDICES),
    [testIndex],
  );
  const { images } = useTestImages(dataset, hasWeights ? indices : []);
  const request = useRef(0);

  const ask = useCallback(
    (image: readonly number[] | null) => {
      const id = ++request.current;
      const state = inside.getState();
      if (image === null || runId === null) {
        state.setActivations(null);
        return;
      }
      state.setLoading(true);
      training
        .getState()
        .activations(runId, image)
        .then(
          (layers) => id === request.current && inside.getState().setActivations(layers),
          (e: unknown) =>
            id === request.current &&
            inside.getState().setActivations(null, e instanceof Error ? e.message : String(e)),
        );
    },
    [inside, runId, training],
  );

  // A test image is asked for when chosen, when it has loaded, and when another run goes on show.
  useEffect(() => {
    if (testIndex === null || images === null || !hasWeights) return;
    const pixels = images.images[indices.indexOf(testIndex)];
    if (pixels !== undefined) ask(Array.from(pixels, (v) => v / 255));
  }, [ask, hasWeights, images, indices, testIndex]);

  if (!hasWeights)
    return (
      <p className="inside-picker__note" data-testid="inside-no-run">
        {t('editor.inside.activations.noRun')}
      </p>
    );
  const status = error
    ? t('editor.inside.activations.error', { message: error })
    : loading
      ? t('editor.inside.activations.loading')
      : input === null
        ? t('editor.inside.activations.pick')
        : null;
  return (
    <div className="inside-picker" role="group" aria-label={t('editor.inside.activations.input')}>
      <div className="inside-picker__row">
        {images?.images.map((pixels, i) => {
          const index = indices[i] ?? i;
          const label = t('editor.inside.activations.test', { index: index + 1, label: images.labels[i] });
          return (
            <button
              key={i}
              type="button"
              data-testid="inside-test-image"
              className="inside-picker__image"
              aria-pressed={testIndex === index}
              title={label}
              onClick={() => inside.getState().setInput({ kind: 'test', index })}
            >
              <DigitImage pixels={pixels} width={images.width} height={images.height} alt={label} size={28} />
            </button>
          );
        })}
        <button
          type="button"
          data-testid="inside-draw"
          className="inside-picker__draw"
          aria-pressed={input?.kind === 'drawing'}
          onClick={() => {
            inside.getState().setInput({ kind: 'drawing' });
            ask(null);
          }}
        >
          {t('editor.inside.activations.draw')}
        </button>
      </div>
      {input?.kind === 'drawing' && <DrawingPad onChange={ask} />}
      {status !== null && (
        <p className="inside-picker__note" role={error ? 'alert' : undefined}>
          {status}
        </p>
      )}
    </div>
  );
}
