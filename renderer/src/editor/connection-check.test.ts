import { describe, expect, it } from 'vitest';
import { chain, graph } from '../../../engine/testing/graphs';
import { checkConnection } from './connection-check';

const mlp = chain([28, 28, 1], ['Flatten'], ['Dense', { units: 10 }]); // n0 → n1 → n2

describe('checkConnection', () => {
  it.each([
    ['a self-loop', mlp, 'n1', 'n1', /cannot feed itself/],
    ['a duplicate edge', mlp, 'n0', 'n1', /already connected/],
    ['a cycle', mlp, 'n2', 'n1', /^flatten takes one input: remove its connection from input_layer first$/],
    ['an input into InputLayer', mlp, 'n2', 'n0', /^input_layer \(InputLayer\) takes no input/],
    [
      'a cycle through a merge',
      graph(
        [
          ['i', 'InputLayer', { shape: [8] }],
          ['a', 'Dense', { units: 8 }],
          ['m', 'Add'],
        ],
        ['i->a', 'a->m', 'i->m'],
      ),
      'm',
      'a',
      /one input/,
    ],
    [
      'mismatched shapes into Add',
      graph(
        [
          ['i', 'InputLayer', { shape: [8] }],
          ['a', 'Dense', { units: 4 }],
          ['m', 'Add'],
        ],
        ['i->a', 'a->m'],
      ),
      'i',
      'm',
      /.+/,
    ],
  ])('refuses %s with the reason', (_what, g, source, target, reason) => {
    const verdict = checkConnection(g, source, target);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('refuses a real cycle between free inputs', () => {
    const g = graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['m1', 'Add'],
        ['m2', 'Add'],
      ],
      ['i->m1', 'm1->m2'],
    );
    expect(checkConnection(g, 'm2', 'm1')).toEqual({
      ok: false,
      reason: 'add already leads to add_1, so this connection would make a cycle',
      messageId: 'connect.cycle',
      values: { source: 'add_1', target: 'add' },
    });
  });

  it("gives the engine's message id when a shape problem refuses it", () => {
    const g = graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['a', 'Dense', { units: 4 }],
        ['m', 'Add'],
      ],
      ['i->a', 'a->m'],
    );
    expect(checkConnection(g, 'i', 'm')).toMatchObject({
      ok: false,
      messageId: 'shape.addMismatch',
      values: { layer: 'add', inputs: 'dense (4,), input_layer (8,)' },
    });
  });

  it('accepts a connection that leaves a merge still waiting for inputs', () => {
    const g = graph(
      [
        ['i', 'InputLayer', { shape: [8] }],
        ['m', 'Add'],
      ],
      [],
    );
    expect(checkConnection(g, 'i', 'm')).toEqual({ ok: true });
  });

  it.each([
    [
      'a Conv2D after a Flatten: Reshape back to an image',
      graph(
        [
          ['i', 'InputLayer', { shape: [28, 28, 1] }],
          ['f', 'Flatten'],
          ['c', 'Conv2D'],
        ],
        ['i->f'],
      ),
      'f',
      'c',
      [{ kind: 'reshape', type: 'Reshape', params: { target_shape: [28, 28, 1] } }],
    ],
    [
      "an Add with different channels: a 1x1 Conv2D to the other input's channels",
      graph(
        [
          ['i', 'InputLayer', { shape: [8, 8, 3] }],
          ['c', 'Conv2D', { filters: 16, padding: 'same' }],
          ['m', 'Add'],
        ],
        ['i->c', 'c->m'],
      ),
      'i',
      'm',
      [{ kind: 'conv1x1', type: 'Conv2D', params: { filters: 16, kernel_size: [1, 1] } }],
    ],
    [
      'an image into an Add with a flat input of its channels: GlobalAveragePooling2D',
      graph(
        [
          ['i', 'InputLayer', { shape: [4, 4, 4] }],
          ['f', 'Flatten'],
          ['c', 'Conv2D', { filters: 64, padding: 'same' }],
          ['m', 'Add'],
        ],
        ['i->f', 'f->m', 'i->c'],
      ),
      'c',
      'm',
      [{ kind: 'layer', type: 'GlobalAveragePooling2D', params: {} }],
    ],
    [
      'an image into an Add with a flat input of its size: Flatten or Reshape',
      graph(
        [
          ['i', 'InputLayer', { shape: [8, 8, 1] }],
          ['f', 'Flatten'],
          ['m', 'Add'],
        ],
        ['i->f', 'f->m'],
      ),
      'i',
      'm',
      [
        { kind: 'layer', type: 'Flatten', params: {} },
        { kind: 'reshape', type: 'Reshape', params: { target_shape: [64] } },
      ],
    ],
  ])('offers fixes for %s', (_what, g, source, target, fixes) => {
    expect(checkConnection(g, source, target)).toMatchObject({
      ok: false,
      reason: expect.any(String),
      fixes,
    });
  });

  it('offers no fix where no inserted layer helps', () => {
    const g = graph(
      [
        ['i', 'InputLayer', { shape: [3, 3, 1] }],
        ['c', 'Conv2D', { kernel_size: [5, 5] }],
      ],
      [],
    );
    const verdict = checkConnection(g, 'i', 'c');
    expect(verdict.ok).toBe(false);
    expect(verdict).not.toHaveProperty('fixes');
  });
});
