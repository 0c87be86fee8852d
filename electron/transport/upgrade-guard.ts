// Decides whether a WebSocket upgrade request may reach the API, before any handshake: the path must be
// /ws, the token must match (compared in constant time), and a browser's Origin must be this server's
// own page, so no other site open in the same browser can drive the API.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

export function checkUpgrade(request: IncomingMessage, token: string, port: number): UpgradeVerdict {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/ws') return { ok: false, status: 404, reason: 'the API is at /ws' };
  if (!isLocalHost(request.headers.host, port)) return { ok: false, status: 403, reason: 'unexpected Host' };
  if (!sameToken(url.searchParams.get('token') ?? '', token))
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin))
    return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
  return { ok: true };
}

/** The origins of this server's own page; also the only Host values it answers to (DNS rebinding). */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function isLocalHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison leaks neither content nor length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
