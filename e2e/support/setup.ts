// Vitest lifecycle for an e2e file: one served app and one browser per file, a fresh page (own
// storage) per test, and after each test the check that the page logged no errors and no warnings (and,
// when the test failed, a screenshot in test-results/e2e/).
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { AppPage } from './app-page';
import { launchBrowser, openPage, type OpenedPage, type OpenPageOptions } from './browser';
import { serveApp, type ServedApp } from './serve-app';

/** Where a failing test leaves a screenshot of its page (git-ignored). */
const FAILURE_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

export interface E2eContext {
  readonly served: ServedApp;
  readonly browser: Browser;
  readonly opened: OpenedPage;
  /** The page object for this test's page (not yet navigated: call app.open()). */
  readonly app: AppPage;
}

export function useApp(options: OpenPageOptions = {}): E2eContext {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let opened: OpenedPage | undefined;
  let app: AppPage | undefined;
  let warnings: string[] = [];

  beforeAll(async () => {
    served = await serveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  beforeEach(async () => {
    opened = await openPage(browser as Browser, options);
    // Warnings too: the browser's own (a slow canvas readback, a blocked resource) point at real
    // problems, and the production build logs none of React's development warnings.
    const seen: string[] = (warnings = []);
    opened.page.on('console', (message) => {
      if (message.type() !== 'warning') return;
      const where = message.location().url;
      seen.push(`console warning: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    app = new AppPage(opened.page, (served as ServedApp).url);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && opened !== undefined) {
      const name = task.name.replace(/[^\w-]+/g, '-').slice(0, 80);
      await opened.page.screenshot({ path: `${FAILURE_DIR}${name}.png` }).catch(() => undefined);
    }
    const errors = [...(opened?.errors ?? []), ...warnings];
    await opened?.close();
    expect(errors, 'console errors, warnings and page errors during the test').toEqual([]);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`e2e: ${what} is not set up (used outside a test?)`);
    return value;
  };
  return {
    get served() {
      return need(served, 'the served app');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get opened() {
      return need(opened, 'the page');
    },
    get app() {
      return need(app, 'the page object');
    },
  };
}
