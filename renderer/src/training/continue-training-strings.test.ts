// The English and Chinese "Continue training" strings: same keys, all translated, same placeholders.
import { describe, expect, it } from 'vitest';
import { continueTraining as en } from '../i18n/en/continueTraining';
import { continueTraining as zh } from '../i18n/zh/continueTraining';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('continue training strings', () => {
  it('have the same keys, translated, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const other = zh[key as keyof typeof zh];
      expect(other, key).not.toBe('');
      expect(other, key).not.toBe(text);
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });
});
