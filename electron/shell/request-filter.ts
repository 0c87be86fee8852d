// No remote content, enforced below the page's CSP: the session cancels every request that is not the
// app's own pages (app://layerwise/, see app-protocol.ts) or in-page data (or, in development, the
// renderer's dev server and its hot-reload socket). file: is not among them: no page comes from disk.
import { APP_SCHEME } from './app-protocol';

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:', 'chrome-extension:']);

export function isAllowedRequest(url: string, devServer?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === 'layerwise';
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (devServer === undefined) return false;
  const dev = new URL(devServer);
  const sameHost = parsed.host === dev.host;
  return sameHost && (parsed.protocol === dev.protocol || parsed.protocol === 'ws:');
}
