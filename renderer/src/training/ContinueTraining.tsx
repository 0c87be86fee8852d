// "Continue training": a secondary action beside Train. It first lists which layers keep the trained
// weights of the run on show (or the document's latest run with weights) and which start afresh, worked
// out by the engine from those weights and the current graph; Start then sends both to training.start.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compileGraph, formatDims, type ModelFile, type ModelWeights } from '../../../engine';
import { matchWeights, type InitialiseReason } from '../../../engine/training/weight-match';
import type { TrainingState } from './store-types';
import { useTrainingStore, useTrainingStoreApi } from './useTrainingStore';
import './continue-training.css';

export interface ContinueTrainingProps {
  /** The document's current model; null while the graph is invalid. */
  readonly model: ModelFile | null;
  /** Why no run can start now (as for Train), or null. */
  readonly reason: string | null;
  readonly modelKey: string;
}

/** The run to continue from: the one on show if it is this document's and has weights, else the latest that has. */
export const selectContinuableRunId =
  (modelKey: string) =>
  (s: TrainingState): string | null => {
    const usable = (id: string | null): id is string =>
      id !== null && s.runs[id]?.modelKey === modelKey && s.weights[id] !== undefined;
    if (usable(s.activeRunId)) return s.activeRunId;
    return [...s.runOrder].reverse().find(usable) ?? null;
  };

export function ContinueTraining({ model, reason, modelKey }: ContinueTrainingProps) {
  const { t } = useTranslation();
  const store = useTrainingStoreApi();
  const runId = useTrainingStore(selectContinuableRunId(modelKey));
  const runLabel = useTrainingStore((s) => (runId === null ? '' : (s.runs[runId]?.label ?? '')));
  const weights = useTrainingStore((s) => (runId === null ? undefined : s.weights[runId]));
  const starting = useTrainingStore((s) => s.starting);
  const [open, setOpen] = useState(false);
  const match = useMemo(() => (open ? matchOf(model, weights) : null), [open, model, weights]);
  const titleId = useId();
  const firstButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) firstButton.current?.focus();
  }, [open]);

  if (runId === null) return null;
  const blocked = reason !== null || starting || model === null;
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  const start = (continueFrom?: string) => {
    setOpen(false);
    if (model !== null) void store.getState().start(model, modelKey, continueFrom);
  };
  const reasonText = (r: InitialiseReason) =>
    r.kind === 'new'
      ? t('continueTraining.reasonNew')
      : r.kind === 'missing'
        ? t('continueTraining.reasonMissing', { weight: r.weight })
        : t('continueTraining.reasonShape', {
            weight: r.weight,
            from: formatDims(r.from),
            to: formatDims(r.to),
          });

  return (
    <>
      <button
        type="button"
        className="continue-training-open"
        ref={opener}
        disabled={blocked}
        title={t('continueTraining.buttonHint', { run: runLabel })}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('continueTraining.button')}
      </button>
      {open && match !== null && !blocked && (
        <div
          role="dialog"
          aria-labelledby={titleId}
          className="continue-training panel"
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <h3 id={titleId}>{t('continueTraining.title', { run: runLabel })}</h3>
          {match.kept.length === 0 ? (
            <p>{t('continueTraining.nothingFits', { run: runLabel })}</p>
          ) : (
            <>
              <p>{t('continueTraining.keep', { layers: match.kept.join(', '), count: match.kept.length })}</p>
              {match.initialised.length > 0 && (
                <>
                  <p>{t('continueTraining.initialise')}</p>
                  <ul>
                    {match.layers.map((l) =>
                      l.kept ? null : <li key={l.layer}>{`${l.layer} (${reasonText(l.reason)})`}</li>,
                    )}
                  </ul>
                </>
              )}
              {match.dropped.length > 0 && (
                <p>{t('continueTraining.dropped', { layers: match.dropped.join(', ') })}</p>
              )}
            </>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={close}>
              {t('continueTraining.cancel')}
            </button>
            {match.kept.length === 0 ? (
              <button type="button" className="primary" ref={firstButton} onClick={() => start()}>
                {t('continueTraining.trainFromScratch')}
              </button>
            ) : (
              <button type="button" className="primary" ref={firstButton} onClick={() => start(runId)}>
                {t('continueTraining.start')}
              </button>
            )}
          </div>
        </div>
      )}
    </>
  );
}

function matchOf(model: ModelFile | null, weights: ModelWeights | undefined) {
  if (model === null || weights === undefined) return null;
  const compiled = compileGraph(model.graph);
  if (!compiled.ok) return null;
  return matchWeights(compiled.plan, new Map(weights.tensors.map((tensor) => [tensor.name, tensor])));
}
