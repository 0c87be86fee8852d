// The app:// protocol: which file a URL names under the renderer folder, and what the handler answers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFilePath, appProtocolHandler } from './app-protocol';

let root: string;
let outside: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'layerwise-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Layerwise</title>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'not for the page');
});

describe('appFilePath', () => {
  it('maps the app origin onto the renderer folder', () => {
    expect(appFilePath('app://layerwise/index.html', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('app://layerwise/', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('app://layerwise/assets/index-1.js?v=2#x', root)).toBe(
      join(root, 'assets', 'index-1.js'),
    );
  });

  it.each([
    'app://layerwise/%2e%2e/secret.txt',
    'app://layerwise/..%2fsecret.txt',
    'app://layerwise/assets/..%2f..%2fsecret.txt',
    'app://layerwise/%2fetc%2fpasswd',
    'app://layerwise/..%5csecret.txt',
    'app://layerwise/index.html%00.js',
    'app://layerwise/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('never leaves the renderer folder for %s', (url) => {
    // The URL parser already folds plain and %2e dot segments; what is left must stay inside the root.
    const path = appFilePath(url, root);
    expect(path === null || path.startsWith(join(root, '/'))).toBe(true);
  });

  it.each([
    'app://layerwise/..%2fsecret.txt',
    'app://layerwise/assets/..%2f..%2fsecret.txt',
    'app://layerwise/..%5csecret.txt',
    'app://layerwise/index.html%00.js',
    'app://layerwise/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s outright', (url) => {
    expect(appFilePath(url, root)).toBeNull();
  });
});

describe('appProtocolHandler', () => {
  const handler = () => appProtocolHandler(root);

  it('serves the page and its assets with their content types', async () => {
    const page = await handler()({ url: 'app://layerwise/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Layerwise</title>');
    const script = await handler()({ url: 'app://layerwise/assets/index-1.js' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for a file outside the renderer, a missing file, a folder or a non-GET', async () => {
    for (const url of [
      'app://layerwise/%2e%2e/secret.txt',
      'app://layerwise/missing.js',
      'app://layerwise/assets',
    ]) {
      const response = await handler()({ url });
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('not for the page');
    }
    expect((await handler()({ url: 'app://layerwise/index.html', method: 'POST' })).status).toBe(404);
  });
});
