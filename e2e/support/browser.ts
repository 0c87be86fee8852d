// Headless Chromium for the e2e tests (Debian's /usr/bin/chromium, driven by playwright-core), and a
// page opener that records console errors and uncaught page errors for the tests to assert empty, and
// accepts native dialogs (recording them) as a user clicking OK would.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags that make Debian's Chromium run headless, offline and quiet in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const VIEWPORT = { width: 1440, height: 900 };

/** Why Chromium cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;
}

export async function launchBrowser(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing !== null) throw new Error(`e2e: ${missing}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions, in order, as "console: ..." / "pageerror: ...". */
  readonly errors: string[];
  /** Native dialogs (confirm, alert, beforeunload) as "type: message"; each was accepted. */
  readonly dialogs: string[];
  close(): Promise<void>;
}

export interface OpenPageOptions {
  readonly colorScheme?: 'light' | 'dark';
  /** Console errors matching one of these are expected and not recorded. */
  readonly ignoreErrors?: readonly RegExp[];
  /** Default wait for locators, ms. Short, so a missing element fails fast. */
  readonly timeoutMs?: number;
}

/** A fresh context (own storage) with one page at 1440×900, not yet navigated. */
export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 10_000);
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.accept();
  });
  const ignored = (text: string) => (options.ignoreErrors ?? []).some((re) => re.test(text));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // Chromium asks every page for /favicon.ico; its 404 says nothing about the app.
    if (/\/favicon\.ico$/.test(where)) return;
    const text = `console: ${message.text()}${where ? ` (${where})` : ''}`;
    if (!ignored(text)) errors.push(text);
  });
  page.on('pageerror', (error) => {
    const text = `pageerror: ${error.stack ?? error.message}`;
    if (!ignored(text)) errors.push(text);
  });
  return { page, context, errors, dialogs, close: () => context.close() };
}
