// Reads the app's autosave (IndexedDB 'layerwise' → 'autosave' → 'document') from the page, so tests wait
// for it to be written instead of sleeping through the autosave interval.
import type { Page } from 'playwright-core';
import { poll } from './poll';

export function autosavedDocument(page: Page): Promise<string> {
  return page.evaluate(`new Promise((resolve) => {
    const open = indexedDB.open('layerwise', 1);
    open.onsuccess = () => {
      const get = open.result.transaction('autosave').objectStore('autosave').get('document');
      get.onsuccess = () => resolve(get.result ? get.result.model : '');
      get.onerror = () => resolve('');
    };
    open.onerror = () => resolve('');
  })`) as Promise<string>;
}

/** Polls until the autosaved document's text satisfies `ok`. */
export function waitForAutosave(page: Page, ok: (text: string) => boolean, what: string): Promise<string> {
  return poll(() => autosavedDocument(page), ok, `the autosave to hold ${what}`, { timeoutMs: 10_000 });
}
