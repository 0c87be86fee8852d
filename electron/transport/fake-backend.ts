// A stand-in ApiBackend for transport tests: it validates with the real contract, answers from the
// handlers a test gives it, records calls, and emits events on demand.
import { ApiError, parseRequest, type ApiEvent, type MethodName } from '../../engine/api/contract';
import type { ApiBackend } from '../services/backend';

export type FakeHandlers = Partial<Record<MethodName, (params: unknown) => unknown>>;

export interface FakeBackend extends ApiBackend {
  readonly calls: { method: string; params: unknown }[];
  emit(event: ApiEvent): void;
  listenerCount(): number;
}

export const appInfo = { version: '0.0.0-test', platform: 'test', threads: 2 };

export function fakeBackend(handlers: FakeHandlers = {}): FakeBackend {
  const listeners = new Set<(event: ApiEvent) => void>();
  const calls: { method: string; params: unknown }[] = [];
  const all: FakeHandlers = { 'app.info': () => appInfo, ...handlers };
  return {
    calls,
    async handle(method, params) {
      const request = parseRequest(method, params);
      calls.push(request);
      const handler = all[request.method];
      if (handler === undefined)
        throw new ApiError({ code: 'E_NOT_FOUND', message: `${method}: not in this fake` });
      return handler(request.params);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}
