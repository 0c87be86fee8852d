// One WebSocket message in, one reply out: parses the request envelope, runs the method on the backend
// and builds `{id, result}` or `{id, error}`. Nothing here throws: malformed input becomes an error
// reply (id -1 when the id cannot be read), so the connection always stays usable.
import { requestEnvelope, type ResponseEnvelope } from '../../engine/api/contract';
import { parseJsonText } from '../../engine/json-text';
import type { ApiBackend } from '../services/backend';
import { badRequest, toErrorData, type Log } from './error-data';

export async function answerMessage(backend: ApiBackend, text: string, log: Log): Promise<string> {
  // The shared parser: it refuses deep nesting before the schema checks recurse into it.
  const parsed = parseJsonText(text);
  if (!parsed.ok) return encode({ id: -1, error: badRequest(`malformed JSON: ${parsed.message}`) });
  const raw = parsed.value;
  const envelope = requestEnvelope.safeParse(raw);
  if (!envelope.success) {
    const problem = envelope.error.issues[0];
    const where = problem?.path.length ? `${problem.path.join('.')}: ` : '';
    const message = `bad request envelope, expected {id, method, params}: ${where}${problem?.message ?? ''}`;
    return encode({ id: readId(raw), error: badRequest(message) });
  }
  const { id, method, params } = envelope.data;
  try {
    const result = await backend.handle(method, params);
    return encodeResult(id, method, result, log);
  } catch (error) {
    return encode({ id, error: toErrorData(error, method, log) });
  }
}

export function binaryRefused(): string {
  return encode({ id: -1, error: badRequest('binary messages are not supported: send JSON text') });
}

function encodeResult(id: number, method: string, result: unknown, log: Log): string {
  try {
    // JSON drops an undefined member: send null so the client still sees a result.
    return encode({ id, result: result === undefined ? null : result });
  } catch (error) {
    return encode({ id, error: toErrorData(error, method, log) });
  }
}

function readId(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return -1;
  const { id } = raw;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
}

function encode(envelope: ResponseEnvelope): string {
  return JSON.stringify(envelope);
}
