import { describe, expect, it } from 'vitest';
import {
  parseListText,
  parseNumberText,
  parseRegularizerText,
  regularizerText,
  valueText,
} from './param-text';

describe('inspector text parsing', () => {
  it.each([
    ['128', 128],
    [' 0.25 ', 0.25],
    ['1e-3', 0.001],
    ['', undefined],
    ['abc', 'abc'],
  ])('number field %j → %j', (text, value) => expect(parseNumberText(text)).toEqual(value));

  it.each([
    ['28, 28, 1', [28, 28, 1]],
    ['(28, 28, 1)', [28, 28, 1]],
    ['3x3', [3, 3]],
    ['3', [3]],
    ['', undefined],
    ['3, a', '3, a'],
  ])('list field %j → %j', (text, value) => expect(parseListText(text)).toEqual(value));

  it('shows lists comma separated and nothing for an unset value', () => {
    expect(valueText([3, 3])).toBe('3, 3');
    expect(valueText(null)).toBe('');
  });
});

describe('regularizer text', () => {
  it.each([
    ['', null],
    ['l2', 'l2'],
    ['l1_l2', 'l1_l2'],
    ['l2=0.001', { l2: 0.001 }],
    ['l1=0.01, l2=0.5', { l1: 0.01, l2: 0.5 }],
    ['l3=1', 'l3=1'],
    ['l2=abc', 'l2=abc'],
  ])('%j parses to %j', (text, value) => {
    expect(parseRegularizerText(text)).toEqual(value);
  });

  it('writes the factors that are set', () => {
    expect(regularizerText({ l1: 0, l2: 0.001 })).toBe('l2=0.001');
    expect(regularizerText({ l1: 0.01, l2: 0.5 })).toBe('l1=0.01, l2=0.5');
    expect(regularizerText(null)).toBe('');
  });
});
