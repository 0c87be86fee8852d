import { describe, expect, it } from 'vitest';
import { LAYER_DEFINITIONS } from '../../../../engine';
import { matchScore, searchCandidates } from './search-match';

const layers = LAYER_DEFINITIONS.map((d) => ({ id: d.type, label: d.type }));
const first = (query: string) => searchCandidates(layers, query)[0]?.id;

describe('quick-add search', () => {
  it.each([
    ['conv', 'Conv2D'],
    ['CONV', 'Conv2D'],
    ['dense', 'Dense'],
    ['pool', 'MaxPooling2D'],
    ['gap', 'GlobalAveragePooling2D'],
    ['flat', 'Flatten'],
    ['batch', 'BatchNormalization'],
    ['norm', 'BatchNormalization'],
  ])('"%s" puts %s first', (query, type) => {
    expect(first(query)).toBe(type);
  });

  it('lists every layer for an empty query, in the given order', () => {
    expect(searchCandidates(layers, '').map((c) => c.id)).toEqual(layers.map((l) => l.id));
  });

  it('drops what does not match', () => {
    expect(searchCandidates(layers, 'zzz')).toEqual([]);
  });

  it.each<[string, string, number | undefined]>([
    ['Conv2D', 'conv2d', 0],
    ['Conv2D', 'con', 1],
    ['MaxPooling2D', 'pool', 2],
    ['Dropout', 'rop', 3],
    ['GlobalAveragePooling2D', 'gap', 4],
    ['Dense', 'x', undefined],
  ])('scores %s for "%s" as %s', (text, query, score) => {
    expect(matchScore(text, query)).toBe(score);
  });

  it('searches the detail too (a layer type in the connect picker)', () => {
    const nodes = [
      { id: 'a', label: 'dense', detail: 'Dense' },
      { id: 'b', label: 'conv2d', detail: 'Conv2D' },
    ];
    expect(searchCandidates(nodes, 'conv').map((c) => c.id)).toEqual(['b']);
  });
});
