// A scriptable LayerwiseApi for the training tests: answers from handlers, records calls, and emits
// events to the subscribed listeners on demand.
import type {
  ApiEvent,
  LayerwiseApi,
  MethodName,
  MethodParams,
  MethodResults,
} from '../../../engine/api/contract';
import type { TrainingEvent } from '../../../engine/api/events';

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
