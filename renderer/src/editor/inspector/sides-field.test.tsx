// @vitest-environment jsdom
// The inspector's field for an image's four sides (ZeroPadding2D's padding, Cropping2D's cropping): it
// shows "(top, bottom), (left, right)", accepts every Keras spelling, and shows the engine's message
// for anything else; the canvas node writes them in Keras notation. The parse/format pair is checked
// on its own first.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { chain } from '../../../../engine/testing/graphs';
import { EditorProvider } from '../EditorContext';
import { createEditorStore } from '../editor-store';
import { Inspector } from './Inspector';
import { formatParamValue } from '../format';
import { parseSidesText, sidesText } from './param-text';

afterEach(cleanup);

describe('sides text', () => {
  it.each([
    ['2', 2],
    ['1, 2', [1, 2]],
    [
      '(1, 2), (3, 4)',
      [
        [1, 2],
        [3, 4],
      ],
    ],
    [
      '[[0,1],[2,3]]',
      [
        [0, 1],
        [2, 3],
      ],
    ],
    [
      '1 2 3 4',
      [
        [1, 2],
        [3, 4],
      ],
    ],
    ['', undefined],
    ['1, 2, 3', '1, 2, 3'],
    ['one', 'one'],
  ])('%j reads as %j', (text, value) => {
    expect(parseSidesText(text)).toEqual(value);
  });

  it('writes pairs of pairs as "(top, bottom), (left, right)"', () => {
    expect(
      sidesText([
        [0, 2],
        [3, 1],
      ]),
    ).toBe('(0, 2), (3, 1)');
    expect(sidesText(3)).toBe('3');
  });

  it('shows them on the canvas node in Keras notation', () => {
    expect(
      formatParamValue([
        [0, 2],
        [3, 1],
      ]),
    ).toBe('((0, 2), (3, 1))');
    expect(formatParamValue([3, 3])).toBe('3×3');
  });
});

describe('the sides field in the inspector', () => {
  function renderZeroPadding() {
    const graph = chain([6, 6, 1], ['ZeroPadding2D']);
    const store = createEditorStore({ format: 'layerwise-model', version: 2, name: 'pad', graph });
    store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, selected: n.id === 'n1' })) });
    render(
      <EditorProvider store={store}>
        <Inspector />
      </EditorProvider>,
    );
    return { store, field: screen.getByLabelText('padding') as HTMLInputElement };
  }

  it('edits ZeroPadding2D: the output shape follows', () => {
    const { store, field } = renderZeroPadding();
    expect(field.placeholder).toBe('(1, 1), (1, 1)');
    fireEvent.change(field, { target: { value: '(0, 2), (3, 1)' } });
    expect(store.getState().analysis.byId.get('n1')?.outputShape).toEqual([8, 10, 1]);
    fireEvent.change(field, { target: { value: '2' } });
    expect(store.getState().analysis.byId.get('n1')?.outputShape).toEqual([10, 10, 1]);
  });

  it('keeps what was typed and shows the message for a value it cannot take', () => {
    const { field } = renderZeroPadding();
    fireEvent.change(field, { target: { value: '1, 2, 3' } });
    expect(field.value).toBe('1, 2, 3');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(
      /padding must be a whole number from 0 to 65536, a pair \[height, width\] of them, or \[\[top, bottom\], \[left, right\]\]/,
    );
  });
});
