// Helpers for the services' tests: the ApiError a call rejects with (failing the test if it resolves).
import { expect } from 'vitest';
import { ApiError } from '../../engine/api/contract';

export async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
