// The main-side implementation of the API contract: validates each request, runs it on the services,
// and streams training events. Transport-neutral: Electron IPC and the WebSocket server both carry it.
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import {
  ApiError,
  parseRequest,
  type ApiEvent,
  type MethodName,
  type MethodResults,
} from '../../engine/api/contract';
import type { ApiBackend } from './backend';
import { BUILTIN_DATASETS, loadBuiltinDataset, type BuiltinDatasetId } from './datasets/builtin';
import { DatasetError } from './datasets/errors';
import { loadDatasetSource } from './training/dataset-source';
import type { TrainingService } from './training/training-service';
import type { TrainingSession } from './training/session';
import type { RunAdjustment } from '../../engine/api/run-adjustment';
import { InferenceService } from './inference/inference-service';
import { bytesToBase64, float32Bytes } from '../../engine/formats/weights';

type Handlers = { [M in MethodName]: (params: never) => Promise<MethodResults[M]> };

const version = (() => {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
})();

export function createApiBackend(
  training: TrainingService,
  inference: InferenceService = new InferenceService(),
): ApiBackend {
  const snapshot = (sessionId: string) => {
    const session = training.get(sessionId);
    const { state, events, lastBatch } = session.snapshot();
    return {
      sessionId,
      state,
      run: session.options.run,
      modelName: session.options.modelName,
      startedAt: session.startedAt,
      events,
      lastBatch,
    };
  };

  // An ended session has no worker: it predicts with its final weights, loaded into the inference
  // service (LRU-bounded) on first use. Keyed by the session object, so a dropped session drops its entry.
  const endedModels = new WeakMap<TrainingSession, string>();
  const predictEnded = async (session: TrainingSession, image: number[]) => {
    const weights = await session.trainedWeights();
    // A failed run's weights are what diverged (NaN or huge): predictions from them mean nothing.
    if (session.currentState === 'failed')
      throw new ApiError({
        code: 'E_STATE',
        message: `training session '${session.id}' failed: its model makes no predictions; train again`,
      });
    if (weights === undefined)
      throw new ApiError({
        code: 'E_STATE',
        message: `training session '${session.id}' has no trained model: it ${session.currentState === 'stopped' ? 'was stopped' : 'ended'} before its model was built`,
      });
    for (let attempt = 0; ; attempt++) {
      let modelId = endedModels.get(session);
      if (modelId === undefined) {
        modelId = inference.loadTrained(session.options.plan, weights);
        endedModels.set(session, modelId);
      }
      try {
        return inference.predict(modelId, [image])[0] as number[];
      } catch (error) {
        // Evicted by newer loads: load it once more.
        if (attempt > 0 || !(error instanceof ApiError) || error.data.code !== 'E_NOT_FOUND') throw error;
        endedModels.delete(session);
      }
    }
  };

  const handlers: Handlers = {
    'app.info': async () => ({ version, platform: process.platform, threads: availableParallelism() }),
    'datasets.list': async () =>
      Promise.all(
        Object.values(BUILTIN_DATASETS).map(async (d) => {
          try {
            const pair = await loadBuiltinDataset(d.id as BuiltinDatasetId);
            return {
              id: d.id,
              name: d.label,
              available: true,
              reason: null,
              classNames: d.classNames,
              shape: pair.train.shape,
            };
          } catch (error) {
            return {
              id: d.id,
              name: d.label,
              available: false,
              reason: (error as Error).message,
              classNames: d.classNames,
              shape: [28, 28, 1],
            };
          }
        }),
      ),
    'datasets.images': async (params: { dataset: string; split: 'train' | 'test'; indices: number[] }) => {
      const pair = await loadDatasetSource(params.dataset).catch((error: unknown) => {
        throw error instanceof DatasetError
          ? new ApiError({ code: 'E_DATASET', message: error.message })
          : error;
      });
      const set = pair[params.split];
      const size = set.shape.reduce((a, b) => a * b, 1);
      const pixels = new Uint8Array(params.indices.length * size);
      const labels = params.indices.map((index, i) => {
        if (index >= set.count)
          throw new ApiError({
            code: 'E_BAD_REQUEST',
            message: `image ${index} does not exist: the ${params.split} set has ${set.count}`,
          });
        pixels.set(set.images.subarray(index * size, (index + 1) * size), i * size);
        return set.labels[index] as number;
      });
      return { shape: set.shape, pixels: Buffer.from(pixels).toString('base64'), labels };
    },
    'training.start': async (params: { model: unknown; run: object; weights?: 'matching' }) => ({
      sessionId: (
        await training.start(
          params.model,
          params.run,
          params.weights === undefined ? {} : { weights: params.weights },
        )
      ).session.id,
    }),
    'training.pause': async ({ sessionId }: { sessionId: string }) => ({
      state: training.get(sessionId).pause(),
    }),
    'training.resume': async ({ sessionId }: { sessionId: string }) => ({
      state: training.get(sessionId).resume(),
    }),
    // Applied in the paused session's worker at once; Resume goes on with them.
    'training.adjust': async ({ sessionId, changes }: { sessionId: string; changes: RunAdjustment }) => ({
      adjusted: await training.get(sessionId).adjust(changes),
    }),
    'training.stop': async ({ sessionId }: { sessionId: string }) => ({
      state: training.get(sessionId).stop(),
    }),
    'training.status': async ({ sessionId }: { sessionId: string }) => snapshot(sessionId),
    'training.list': async () => training.list().map((s) => snapshot(s.id)),
    'training.predict': async ({ sessionId, image }: { sessionId: string; image: number[] }) => {
      const session = training.get(sessionId);
      const expected = session.options.plan.inputShape.reduce((a, b) => a * b, 1);
      if (image.length !== expected)
        throw new ApiError({
          code: 'E_BAD_REQUEST',
          message: `the image needs ${expected} values, got ${image.length}`,
        });
      if (session.live) {
        try {
          return { probabilities: Array.from(await session.predict(Float32Array.from(image))) };
        } catch (error) {
          // Training ended while the request was on its way: the final weights answer instead.
          if (session.live || !(error instanceof ApiError) || error.data.code !== 'E_STATE') throw error;
        }
      }
      if (session.currentState === 'idle')
        throw new ApiError({ code: 'E_STATE', message: `training session '${sessionId}' has not started` });
      return { probabilities: await predictEnded(session, image) };
    },
    'training.weights': async ({ sessionId }: { sessionId: string }) => {
      const session = training.get(sessionId);
      const weights = await session.weights();
      return {
        tensors: session.options.plan.nodes.flatMap((n) =>
          n.weights.map((w) => ({
            name: w.name,
            shape: [...w.shape],
            data: bytesToBase64(float32Bytes(weights[w.name] as Float32Array)),
          })),
        ),
      };
    },
    'training.release': async ({ sessionId }: { sessionId: string }) => {
      const session = training.get(sessionId);
      training.release(sessionId);
      const modelId = endedModels.get(session);
      if (modelId !== undefined) inference.release(modelId);
      return {};
    },
    'inference.load': async ({ model }: { model: unknown }) => inference.load(model),
    'inference.predict': async ({ modelId, images }: { modelId: string; images: number[][] }) => ({
      probabilities: inference.predict(modelId, images),
    }),
    'inference.release': async ({ modelId }: { modelId: string }) => {
      inference.release(modelId);
      return {};
    },
    'inference.activations': async ({ modelId, image }: { modelId: string; image: number[] }) => ({
      layers: inference.activations(modelId, image),
    }),
  };

  return {
    async handle(method, params) {
      const request = parseRequest(method, params);
      const handler = handlers[request.method] as (params: unknown) => Promise<unknown>;
      return handler(request.params);
    },
    onEvent(listener: (event: ApiEvent) => void) {
      return training.onEvent((sessionId, event) => listener({ sessionId, event }));
    },
  };
}
