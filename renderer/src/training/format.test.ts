// Formatting of durations, percentages and rates in the training UI.
import { describe, expect, it } from 'vitest';
import { formatEta, formatNumber, formatPercent, formatRate } from './format';
import { parseNumberField } from './NumberField';

describe('format', () => {
  it('formats ETAs as m:ss or h:mm:ss', () => {
    expect(formatEta(75)).toBe('1:15');
    expect(formatEta(5)).toBe('0:05');
    expect(formatEta(3725)).toBe('1:02:05');
    expect(formatEta(null)).toBe('–:––');
  });

  it('formats percentages, numbers and rates', () => {
    expect(formatPercent(0.98491)).toBe('98.49%');
    expect(formatPercent(null)).toBe('–');
    expect(formatNumber(0.051234)).toBe('0.05123');
    expect(formatRate(4321.6)).toBe('4,322');
  });
});

describe('parseNumberField', () => {
  const range = { min: 1, max: 10, integer: true };
  it('accepts only numbers in range (whole when asked), and empty only when allowed', () => {
    expect(parseNumberField('4', range)).toBe(4);
    expect(parseNumberField('4.5', range)).toBeUndefined();
    expect(parseNumberField('11', range)).toBeUndefined();
    expect(parseNumberField('abc', range)).toBeUndefined();
    expect(parseNumberField(' ', range)).toBeUndefined();
    expect(parseNumberField('', { ...range, allowEmpty: true })).toBeNull();
  });
});
