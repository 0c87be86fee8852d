// What every webContents gets, wired from app.on('web-contents-created') so a window, a devtools view or
// anything created later is covered: no new windows, no navigation (of the page, of a frame, or by a
// server redirect), no <webview>. A link that opens a window goes to the user's browser only when it is
// https and its host is on the allow-list (the documentation the app links to), or after the user agrees.

/** Hosts the app's own links point to: opened in the browser without asking. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'netron.app',
  'www.tensorflow.org',
  'pypi.org',
  'protobuf.dev',
  'keras.io',
  'pytorch.org',
  'onnx.ai',
  'layerwise.app',
]);

export type ExternalDecision = 'open' | 'ask' | 'refuse';

/** https to an allow-listed host opens; other https asks; any other scheme (file:, app:, javascript:) is refused. */
export function externalDecision(url: string): ExternalDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'refuse';
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return 'refuse';
  return EXTERNAL_HOSTS.has(parsed.hostname) ? 'open' : 'ask';
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents this touches. */
export interface HardenableContents {
  on(event: string, listener: (event: PreventableEvent, ...args: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenOptions {
  openExternal(url: string): void;
  /** Asks the user whether to open a link that is not on the allow-list; resolves true to open it. */
  confirmExternal(url: string): Promise<boolean>;
  readonly log?: (line: string) => void;
}

/** Opens a link in the browser if the policy allows it (asking first where it says so). */
export async function openLink(url: string, options: HardenOptions): Promise<boolean> {
  const decision = externalDecision(url);
  if (decision === 'refuse' || (decision === 'ask' && !(await options.confirmExternal(url)))) return false;
  options.openExternal(url);
  return true;
}

export function hardenContents(contents: HardenableContents, options: HardenOptions): void {
  const refuse =
    (what: string) =>
    (event: PreventableEvent, ...args: unknown[]) => {
      event.preventDefault();
      const url = typeof args[0] === 'string' ? args[0] : (args[0] as { url?: string } | undefined)?.url;
      options.log?.(`refused ${what}${url ? ` to ${url}` : ''}`);
    };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', refuse('frame navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', refuse('a <webview>'));
  contents.setWindowOpenHandler(({ url }) => {
    void openLink(url, options);
    return { action: 'deny' };
  });
}
