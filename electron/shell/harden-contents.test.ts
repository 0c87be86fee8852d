// The hardening every webContents gets, with a stand-in webContents, and the external-link policy.
import { describe, expect, it, vi } from 'vitest';
import { externalDecision, hardenContents, openLink } from './harden-contents';

type Listener = (event: { preventDefault(): void }, ...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  return {
    contents: {
      on: (event: string, listener: Listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
    },
    emit(event: string, url: string) {
      const attempt = { preventDefault: vi.fn() };
      listeners.get(event)?.(attempt, url);
      return attempt.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('externalDecision', () => {
  it.each([
    ['https://keras.io/api/layers/', 'open'],
    ['https://netron.app/', 'open'],
    ['https://example.org/page', 'ask'],
    ['https://keras.io.evil.example/', 'ask'],
    ['https://user:pw@keras.io/', 'refuse'],
    ['http://keras.io/', 'refuse'],
    ['file:///etc/passwd', 'refuse'],
    ['app://layerwise/index.html', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['smb://host/share', 'refuse'],
    ['not a url', 'refuse'],
  ])('%s → %s', (url, decision) => {
    expect(externalDecision(url)).toBe(decision);
  });
});

describe('hardenContents', () => {
  const options = (confirmed: boolean) => ({
    openExternal: vi.fn(),
    confirmExternal: vi.fn(async () => confirmed),
  });

  it('prevents navigation, frame navigation, redirects and webviews', () => {
    const fake = fakeContents();
    hardenContents(fake.contents, options(true));
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])
      expect(fake.emit(event, 'https://evil.example/'), event).toBe(true);
  });

  it('denies every new window; allow-listed links open, others only after the user agrees', async () => {
    const fake = fakeContents();
    const yes = options(true);
    hardenContents(fake.contents, yes);
    expect(fake.open('https://keras.io/')).toEqual({ action: 'deny' });
    expect(fake.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(yes.confirmExternal.mock.calls).toEqual([['https://example.org/']]);
    expect(yes.openExternal.mock.calls).toEqual([['https://keras.io/'], ['https://example.org/']]);
  });

  it('opens nothing the user declines', async () => {
    const no = options(false);
    expect(await openLink('https://example.org/', no)).toBe(false);
    expect(no.openExternal).not.toHaveBeenCalled();
  });
});
