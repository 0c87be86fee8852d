// The one-click fix for the 1-D layers (Conv1D, the 1-D poolings): an image or a flat vector connected
// to one of them is refused with a Reshape to (height, width × channels) on offer, the rows as steps.
import { describe, expect, it } from 'vitest';
import { graph } from '../../../engine/testing/graphs';
import { checkConnection } from './connection-check';

describe('connection fixes for (steps, channels) layers', () => {
  it.each([
    ['an MNIST image into Conv1D', [28, 28, 1], 'Conv1D', [28, 28]],
    ['a colour image into GlobalMaxPooling1D', [8, 8, 3], 'GlobalMaxPooling1D', [8, 24]],
    ['a flat 784 vector into MaxPooling1D', [784], 'MaxPooling1D', [28, 28]],
  ])('%s: Reshape the rows into steps', (_what, shape, type, target) => {
    const g = graph(
      [
        ['i', 'InputLayer', { shape }],
        ['t', type],
      ],
      [],
    );
    const verdict = checkConnection(g, 'i', 't');
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/\(steps, channels\)/) });
    expect(verdict).toMatchObject({
      fixes: [{ kind: 'reshape', type: 'Reshape', params: { target_shape: target } }],
    });
  });

  it('offers no sequence Reshape where the target takes images', () => {
    const g = graph(
      [
        ['i', 'InputLayer', { shape: [784] }],
        ['c', 'Conv2D'],
      ],
      [],
    );
    expect(checkConnection(g, 'i', 'c')).toMatchObject({
      fixes: [{ kind: 'reshape', type: 'Reshape', params: { target_shape: [28, 28, 1] } }],
    });
  });
});
