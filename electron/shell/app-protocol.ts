// The app's own pages come from app://layerwise/, a privileged custom scheme served by main, instead of
// file://: a page can then reach only the renderer's built files (a path that climbs out of that folder is
// refused), the origin is stable for the CSP and the sender check, and file: needs no extra privileges
// (the grantFileProtocolExtraPrivileges fuse is off in the packaged app).
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://layerwise`;
/** The page the window loads. */
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready: a standard, secure origin (CORS on
 * because Vite's module scripts carry `crossorigin`). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * The file under `root` that an app:// URL names, or null: another host, an undecodable path, or one that
 * leaves `root` (`..`, encoded `%2e%2e`, `%2f`, a drive or an absolute path) is refused.
 */
export function appFilePath(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'layerwise') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return join(base, inside);
}

/** The protocol.handle handler: the renderer's files, 404 for anything else, never a file outside it. */
export function appProtocolHandler(root: string) {
  return async (request: { url: string; method?: string }): Promise<Response> => {
    const file = appFilePath(request.url, root);
    if (file === null || (request.method !== undefined && request.method !== 'GET'))
      return new Response('not found', { status: 404 });
    try {
      if (!(await stat(file)).isFile()) return new Response('not found', { status: 404 });
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}
