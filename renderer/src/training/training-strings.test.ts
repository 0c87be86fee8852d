// The English and Chinese training strings (and the paused run's) have the same keys, none empty, and the same placeholders.
import { describe, expect, it } from 'vitest';
import { training as en } from '../i18n/en/training';
import { training as zh } from '../i18n/zh/training';
import { adjust as adjustEn } from '../i18n/en/adjust';
import { adjust as adjustZh } from '../i18n/zh/adjust';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else
    for (const [key, child] of Object.entries(value as object))
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('training strings', () => {
  // The paused run's strings (adjust) are a file of their own, checked with them.
  const english = flatten({ ...en, adjust: adjustEn });
  const chinese = flatten({ ...zh, adjust: adjustZh });

  it('have the same keys in both languages', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('are translated, with the same placeholders', () => {
    for (const [key, text] of english) {
      const other = chinese.get(key) ?? '';
      expect(other, key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
    expect(chinese.get('controls.train')).toBe('训练');
  });
});
