// The session's request filter: only the app's own files, and the dev server in development.
import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from './request-filter';

describe('isAllowedRequest', () => {
  it.each([
    ['app://layerwise/index.html', true],
    ['app://layerwise/assets/index-B-C_heAC.js', true],
    ['app://elsewhere/index.html', false],
    ['file:///opt/Layerwise/resources/app.asar/out/renderer/index.html', false],
    ['file:///etc/passwd', false],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['blob:app://layerwise/6d1c-41a2', true],
    ['https://example.com/tracker.js', false],
    ['http://127.0.0.1:5173/src/main.tsx', false],
    ['ftp://files.example/x', false],
    ['not a url', false],
  ])('packaged: %s → %s', (url, allowed) => {
    expect(isAllowedRequest(url)).toBe(allowed);
  });

  it.each([
    ['http://localhost:5173/src/main.tsx', true],
    ['ws://localhost:5173/', true],
    ['http://localhost:5174/other', false],
    ['https://cdn.example/react.js', false],
  ])('development with the dev server: %s → %s', (url, allowed) => {
    expect(isAllowedRequest(url, 'http://localhost:5173/')).toBe(allowed);
  });
});
