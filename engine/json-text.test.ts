// The shared JSON parser: placed syntax errors, and a depth limit checked before anything recursive runs.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestingBeyond, parseJsonText } from './json-text';

describe('parseJsonText', () => {
  it('parses JSON and places a syntax error', () => {
    expect(parseJsonText('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonText('{"a":\n  [1 2]}')).toMatchObject({ ok: false, line: 2, column: 6 });
  });

  it.each([
    ['arrays', (n: number) => '['.repeat(n) + ']'.repeat(n)],
    ['objects', (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)],
    ['unclosed arrays (not valid JSON either)', (n: number) => '['.repeat(n)],
  ])('refuses %s 100,000 levels deep with the limit and the place, not a stack overflow', (_, make) => {
    const result = parseJsonText(`\n${make(100_000)}`);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        new RegExp(
          `^invalid JSON at line 2, column \\d+: nested too deeply \\(more than ${MAX_JSON_DEPTH} levels\\)$`,
        ),
      ),
      line: 2,
    });
  });

  it('accepts exactly the limit', () => {
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseJsonText(atLimit).ok).toBe(true);
    expect(parseJsonText(`[${atLimit}]`).ok).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestingBeyond('["[[[", "\\"[[[", {"{{": 1}]', 2)).toBeUndefined();
    expect(nestingBeyond('[[[1]]]', 2)).toBe(2);
  });
});
