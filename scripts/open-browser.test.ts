import { describe, expect, it } from 'vitest';
import { openCommand } from './open-browser.mjs';

describe('openCommand', () => {
  const url = 'http://127.0.0.1:5000/?token=abc&x=1';
  it.each([
    ['linux', ['xdg-open', [url]]],
    ['darwin', ['open', [url]]],
    ['win32', ['cmd', ['/c', 'start', '', url]]],
  ])('on %s', (platform, expected) => {
    expect(openCommand(platform, url)).toEqual(expected);
  });
});
