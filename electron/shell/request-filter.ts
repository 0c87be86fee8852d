// No remote content, enforced below the page's CSP: the session cancels every request that is not the
// app's own files (or, in development, the renderer's dev server and its hot-reload socket).
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'devtools:', 'chrome-extension:']);

export function isAllowedRequest(url: string, devServer?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (devServer === undefined) return false;
  const dev = new URL(devServer);
  const sameHost = parsed.host === dev.host;
  return sameHost && (parsed.protocol === dev.protocol || parsed.protocol === 'ws:');
}
