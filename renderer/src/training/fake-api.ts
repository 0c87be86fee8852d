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
import type { AdjustedEvent, SettingChange, TrainingEvent } from '../../../engine/api/events';
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

/** A fake training.adjust answer: the event a paused run at epoch 1, step 40 reports for `changes`. */
export function adjustedEvent(
  changes: MethodParams<'training.adjust'>['changes'],
  from: Partial<Record<string, number | string>> = {},
) {
  const list: SettingChange[] = Object.entries(changes).flatMap(([setting, to]): SettingChange[] => {
    if (setting === 'dropout')
      return Object.entries(to as Record<string, number>).map(([layer, rate]) => ({
        setting: 'dropout',
        layer,
        from: from[layer] ?? 0.5,
        to: rate,
      }));
    const shown =
      to === null
        ? 'off'
        : typeof to === 'object'
          ? `patience ${to.patience}, min_delta ${to.min_delta}`
          : to;
    return [{ setting: setting as SettingChange['setting'], from: from[setting] ?? '?', to: shown }];
  });
  const short: Record<string, string> = { learning_rate: 'lr' };
  const event: AdjustedEvent = {
    type: 'adjusted',
    epoch: 1,
    step: 40,
    global_step: 40,
    changes: list,
    optimizer_reset: changes.optimizer !== undefined,
    label: list.map((c) => `${c.layer ?? short[c.setting] ?? c.setting} ${c.from} → ${c.to}`).join(', '),
  };
  return event;
}

/** A store whose run s1 (started on `model`) is paused at epoch 1, step 40, and answers training.adjust. */
export async function pausedRunStore(model: ModelFile = TINY_MODEL, handlers: Handlers = {}) {
  const setup = storeOnFakeApi({
    'training.adjust': ({ changes }) => ({ adjusted: adjustedEvent(changes, { learning_rate: 0.001 }) }),
    'training.resume': () => ({ state: 'running' }),
    ...handlers,
  });
  await setup.store.getState().start(model, 'doc');
  setup.api.emit('s1', startedEvent);
  setup.api.emit('s1', batchEvent(1, 40));
  setup.api.emit('s1', { type: 'state', state: 'paused' });
  return setup;
}
