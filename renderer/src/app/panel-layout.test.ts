import { describe, expect, it } from 'vitest';
import { isStoredLayout, layoutStorage } from './panel-layout';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('isStoredLayout', () => {
  it.each([
    ['{"palette":12.5,"canvas":65,"side":22.5}', true],
    ['{"workspace":95.9,"dock":4.1}', true],
    ['{"a":50,"b":50.6}', true], // rounding from the library
    ['{"a":50,"b":40}', false], // does not add up
    ['{"a":"50","b":50}', false],
    ['{"a":150,"b":-50}', false],
    ['{}', false],
    ['[50,50]', false],
    ['null', false],
    ['{"a":50,', false],
  ])('%s → %s', (text, ok) => {
    expect(isStoredLayout(text)).toBe(ok);
  });
});

describe('layoutStorage', () => {
  it('round-trips a layout the library saved', () => {
    const backing = memory();
    const storage = layoutStorage(backing);
    storage.setItem('k', '{"palette":15,"canvas":60,"side":25}');
    expect(storage.getItem('k')).toBe('{"palette":15,"canvas":60,"side":25}');
  });

  it('hands back nothing for a corrupt value, so the defaults apply instead of a crash', () => {
    const storage = layoutStorage(memory({ k: '{not json' }));
    expect(storage.getItem('k')).toBeNull();
  });

  it('keeps working when storage throws or is missing', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(layoutStorage(throwing).getItem('k')).toBeNull();
    expect(() => layoutStorage(throwing).setItem('k', '{"a":100}')).not.toThrow();
    expect(layoutStorage(null).getItem('k')).toBeNull();
  });
});
