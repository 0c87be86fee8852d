// Which layers a paused run's adjustment may give a new rate, found through the layer definitions, and the
// graph edit that writes the new rates back (by Keras name, other layers untouched).
import { describe, expect, it } from 'vitest';
import type { Graph } from '../graph';
import { chain } from '../testing/graphs';
import { dropoutLayers, withDropoutRates } from './dropout-layers';

const net = chain(
  [28, 28, 1],
  ['Conv2D', { filters: 4, kernel_size: [3, 3] }],
  ['SpatialDropout2D', { rate: 0.2 }],
  ['Flatten'],
  ['Dense', { units: 16 }],
  ['Dropout'],
  ['Dense', { units: 10, activation: 'softmax' }],
);

describe('dropoutLayers', () => {
  it('lists every layer with a rate param, by Keras name, with its default when the param is absent', () => {
    expect(dropoutLayers(net)).toEqual([
      { id: 'n2', name: 'spatial_dropout2d', type: 'SpatialDropout2D', rate: 0.2 },
      { id: 'n5', name: 'dropout', type: 'Dropout', rate: 0.5 },
    ]);
  });

  it('leaves out bypassed layers and names a renamed layer by its own name', () => {
    const g: Graph = {
      ...net,
      nodes: net.nodes.map((n) =>
        n.id === 'n2' ? { ...n, bypassed: true } : n.id === 'n5' ? { ...n, name: 'head_drop' } : n,
      ),
    };
    expect(dropoutLayers(g).map((l) => l.name)).toEqual(['head_drop']);
  });
});

describe('withDropoutRates', () => {
  it("sets the named layers' rates and keeps every other node as it was", () => {
    const edited = withDropoutRates(net, { dropout: 0.3 });
    expect(edited.nodes.find((n) => n.id === 'n5')?.params).toEqual({ rate: 0.3 });
    expect(edited.nodes.filter((n) => n.id !== 'n5')).toEqual(net.nodes.filter((n) => n.id !== 'n5'));
    expect(edited.edges).toBe(net.edges);
    expect(dropoutLayers(edited).map((l) => l.rate)).toEqual([0.2, 0.3]);
  });
});
