// Turns whatever a method threw into the plain error data every transport sends: a user error keeps
// its code, message and issues; anything else is a bug, logged here with its stack and sent as
// E_INTERNAL with its message only.
import { ApiError, type ApiErrorData } from '../../engine/api/contract';

export type Log = (line: string) => void;

export function toErrorData(error: unknown, method: string, log: Log): ApiErrorData {
  if (error instanceof ApiError) return error.data;
  const message = error instanceof Error ? error.message : String(error);
  log(`internal error in ${method}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  return { code: 'E_INTERNAL', message: `internal error in ${method}: ${message}` };
}

export function badRequest(message: string): ApiErrorData {
  return { code: 'E_BAD_REQUEST', message };
}
