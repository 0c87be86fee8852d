// Quick add's parameter words, read from each layer's own specs.
import { describe, expect, it } from 'vitest';
import { getLayer } from './registry';
import { quickParams, splitQuickQuery } from './quick-params';

const read = (type: string, words: string) => quickParams(getLayer(type)!, words.split(' ').filter(Boolean));

describe('quick add parameters', () => {
  it.each([
    ['Conv2D', '64 relu', { filters: 64, activation: 'relu' }],
    ['Conv2D', '32 5x5 same', { filters: 32, kernel_size: [5, 5], padding: 'same' }],
    ['Dense', '10 softmax', { units: 10, activation: 'softmax' }],
    ['MaxPooling2D', '3', { pool_size: [3, 3] }],
    ['Dropout', '0.25', { rate: 0.25 }],
    ['Flatten', '', {}],
  ])('%s %s', (type, words, params) => {
    expect(read(type, words)).toEqual({ params, unused: [] });
  });

  it('keeps words that fit no parameter apart instead of guessing', () => {
    expect(read('Flatten', '64 relu')).toEqual({ params: {}, unused: ['64', 'relu'] });
    expect(read('Dense', '10 20')).toEqual({ params: { units: 10 }, unused: ['20'] });
  });

  it('splits the type from the parameter words', () => {
    expect(splitQuickQuery('  conv   64 relu ')).toEqual({ typeQuery: 'conv', words: ['64', 'relu'] });
    expect(splitQuickQuery('')).toEqual({ typeQuery: '', words: [] });
  });
});
