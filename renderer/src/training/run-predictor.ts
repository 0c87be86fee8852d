// Predictions with a run's trained weights (the gallery, the drawing pad). A run that has its weights
// loads them into the backend once (inference.load) and predicts with them whether or not its training
// session still exists, so a reopened document predicts without training again. A run whose weights have
// not arrived yet asks its session. The same loaded model answers inference.activations (the canvas's
// activations view), which needs the run's weights.
import type { ModelFile, ModelWeights } from '../../../engine';
import { MODEL_FORMAT, MODEL_VERSION } from '../../../engine/model-file';
import { ApiError, type LayerActivation, type LayerwiseApi } from '../../../engine/api/contract';
import type { RunRecord } from './run-record';

export interface PredictableRun {
  readonly run: RunRecord;
  readonly weights: ModelWeights | undefined;
}

export type PredictFn = (runId: string, images: readonly number[][]) => Promise<number[][]>;

export type ActivationsFn = (runId: string, image: readonly number[]) => Promise<LayerActivation[]>;

export function createRunPredictor(
  api: LayerwiseApi,
  lookup: (runId: string) => PredictableRun | null,
): PredictFn {
  return createRunModels(api, lookup).predict;
}

/** Predictions and layer activations from each run's model, loaded into the backend once. */
export function createRunModels(
  api: LayerwiseApi,
  lookup: (runId: string) => PredictableRun | null,
): { predict: PredictFn; activations: ActivationsFn } {
  /** The backend's model id per run (and per weights object, which a new fetch replaces). */
  const loaded = new Map<string, { weights: ModelWeights; modelId: Promise<string> }>();

  const load = (run: RunRecord, weights: ModelWeights) => {
    const cached = loaded.get(run.sessionId);
    if (cached?.weights === weights) return cached.modelId;
    const model: ModelFile = {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      name: run.modelName,
      graph: run.graph ?? { nodes: [], edges: [] },
      weights,
    };
    const modelId = api.call('inference.load', { model }).then((r) => r.modelId);
    modelId.catch(() => loaded.delete(run.sessionId)); // a failed load is retried next time
    loaded.set(run.sessionId, { weights, modelId });
    return modelId;
  };

  /** Calls `use` with the run's loaded model; the backend may have restarted (or released the model): load once more and retry. */
  const withModel = async <T>(
    run: RunRecord,
    weights: ModelWeights,
    use: (modelId: string) => Promise<T>,
  ) => {
    for (let attempt = 0; ; attempt++) {
      const modelId = await load(run, weights);
      try {
        return await use(modelId);
      } catch (error) {
        if (attempt > 0 || !(error instanceof ApiError) || error.data.code !== 'E_NOT_FOUND') throw error;
        loaded.delete(run.sessionId);
      }
    }
  };

  const activations: ActivationsFn = async (runId, image) => {
    const found = lookup(runId);
    if (found === null) throw new Error(`no run '${runId}'`);
    const { run, weights } = found;
    if (weights === undefined || run.graph === undefined)
      throw new Error(`run '${run.label}' has no trained weights yet`);
    return withModel(
      run,
      weights,
      async (modelId) => (await api.call('inference.activations', { modelId, image: [...image] })).layers,
    );
  };

  const predict: PredictFn = async (runId, images) => {
    const found = lookup(runId);
    if (found === null) throw new Error(`no run '${runId}'`);
    const { run, weights } = found;
    if (weights === undefined || run.graph === undefined) {
      const replies = await Promise.all(
        images.map((image) => api.call('training.predict', { sessionId: runId, image: [...image] })),
      );
      return replies.map((r) => r.probabilities);
    }
    return withModel(
      run,
      weights,
      async (modelId) =>
        (await api.call('inference.predict', { modelId, images: images.map((i) => [...i]) })).probabilities,
    );
  };
  return { predict, activations };
}
