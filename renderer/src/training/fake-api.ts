// Test helpers for the training UI: a scriptable LayerwiseApi (answers from handlers, records calls,
// emits events on demand), an in-memory storage, and a store wired to both.
import type {
  ApiEvent,
  LayerwiseApi,
  MethodName,
  MethodParams,
  MethodResults,
} from '../../../engine/api/contract';
import type { ModelFile } from '../../../engine';
import type { TrainingEvent } from '../../../engine/api/events';
import type { StorageLike } from './run-registry';
import { createTrainingStore } from './training-store';

type Handlers = {
  [M in MethodName]?: (params: MethodParams<M>) => MethodResults[M] | Promise<MethodResults[M]>;
};

export interface FakeApi extends LayerwiseApi {
  readonly calls: { method: MethodName; params: unknown }[];
  readonly handlers: Handlers;
  emit(sessionId: string, event: TrainingEvent): void;
  listenerCount(): number;
}

export function fakeApi(handlers: Handlers = {}): FakeApi {
  const listeners = new Set<(event: ApiEvent) => void>();
  const calls: { method: MethodName; params: unknown }[] = [];
  return {
    calls,
    handlers,
    async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResults[M]> {
      calls.push({ method, params });
      const handler = handlers[method] as ((p: MethodParams<M>) => MethodResults[M]) | undefined;
      if (handler === undefined) throw new Error(`${method}: not in this fake`);
      return handler(params);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (sessionId, event) => listeners.forEach((listener) => listener({ sessionId, event })),
    listenerCount: () => listeners.size,
  };
}

export const startedEvent: TrainingEvent = {
  type: 'started',
  epochs: 2,
  steps_per_epoch: 100,
  total_steps: 200,
  train_samples: 3200,
  validation_samples: 320,
  test_samples: 1000,
  total_params: 1000,
  trainable_params: 1000,
};

export function batchEvent(epoch: number, step: number, loss = 0.5): TrainingEvent {
  return {
    type: 'batch',
    epoch,
    step,
    loss,
    accuracy: 1 - loss,
    epoch_loss: loss,
    epoch_accuracy: 1 - loss,
    samples_per_second: 1234,
  };
}

/** A tiny stand-in model file: the fake API never looks inside it. */
export const TINY_MODEL = {
  format: 'layerwise-model',
  version: 2,
  name: 'Tiny',
  graph: { nodes: [], edges: [] },
} as unknown as ModelFile;

export function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** A store on a fake API whose training.start hands out s1, s2, ... */
export function storeOnFakeApi(handlers: Handlers = {}) {
  let n = 0;
  const api = fakeApi({ 'training.start': () => ({ sessionId: `s${++n}` }), ...handlers });
  const storage = memoryStorage();
  const store = createTrainingStore(api, { storage, now: () => 1000 + n });
  return { api, store, storage };
}
