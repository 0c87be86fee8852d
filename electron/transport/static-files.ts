// Serves the built renderer from one folder: `/` is index.html, files get their content type, and no
// request can reach a file outside the folder (decoded `..`, encoded slashes, symlinks). Every response
// carries the security headers; the Content-Security-Policy allows the page to talk only to this server.
import { realpath, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function securityHeaders(port: number): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  staticDir: string,
  port: number,
): Promise<void> {
  const headers = securityHeaders(port);
  const fail = (status: number, text: string, extra: Record<string, string> = {}) => {
    response.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : `${text}\n`);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return fail(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const file = await findFile(staticDir, request.url ?? '/');
  if (file === null) return fail(404, 'Not Found');
  const body = await readFile(file);
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** The real path of the requested file when it is a file inside staticDir, else null. */
async function findFile(staticDir: string, requestUrl: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(requestUrl.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/') path = '/index.html';
  try {
    const root = await realpath(staticDir);
    const candidate = resolve(root, `.${path}`);
    if (!inside(root, candidate)) return null;
    const real = await realpath(candidate);
    if (!inside(root, real) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

function inside(root: string, path: string): boolean {
  return path.startsWith(root + sep);
}
