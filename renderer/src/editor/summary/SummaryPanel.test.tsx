// @vitest-environment jsdom
// The summary and the canvas share one selection: a row selects its node (and asks to reveal it), a
// node selected elsewhere highlights its row and scrolls it into view, Enter opens it in the Inspector.
import '../../i18n';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { templateModel } from '../../files/templates';
import { EditorProvider } from '../EditorContext';
import { createEditorStore } from '../editor-store';
import { selectOnlyNode } from './select-node';
import { SummaryPanel } from './SummaryPanel';

function setup() {
  const store = createEditorStore(templateModel('mnist-cnn'));
  const onReveal = vi.fn();
  const onOpen = vi.fn();
  const scrolled: string[] = [];
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this.getAttribute('data-node-id') ?? '');
  };
  render(
    <EditorProvider store={store}>
      <SummaryPanel onReveal={onReveal} onOpen={onOpen} />
    </EditorProvider>,
  );
  const selectedIds = () =>
    store
      .getState()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id);
  const row = (id: string) => document.querySelector(`tr[data-node-id="${id}"]`) as HTMLTableRowElement;
  return { store, onReveal, onOpen, scrolled, selectedIds, row };
}

afterEach(cleanup);

describe('SummaryPanel', () => {
  it('lists one row per layer with the Keras columns and totals', () => {
    const { store } = setup();
    const region = screen.getByRole('region', { name: 'Model summary' });
    const headers = within(region)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Layer (type)', 'Output shape', 'Param #']);
    expect(region.querySelectorAll('tbody tr')).toHaveLength(store.getState().nodes.length);
    expect(screen.getByTestId('summary-total').textContent).toMatch(/\d/);
  });

  it('selects the node of a clicked row, alone, and asks to bring it into view', () => {
    const { store, onReveal, selectedIds, row } = setup();
    act(() => store.getState().selectAll());
    fireEvent.click(within(row('dense')).getByRole('button'));
    expect(selectedIds()).toEqual(['dense']);
    expect(store.getState().edges.some((e) => e.selected)).toBe(false);
    expect(onReveal).toHaveBeenCalledWith('dense');
  });

  it('highlights and scrolls to the row of a node selected on the canvas', () => {
    const { store, scrolled, row } = setup();
    expect(row('flatten').className).not.toContain('is-selected');
    act(() => {
      const { nodes, edges, onNodesChange } = store.getState();
      onNodesChange(selectOnlyNode(nodes, edges, 'flatten').nodes as never);
    });
    expect(row('flatten').className).toContain('is-selected');
    expect(within(row('flatten')).getByRole('button').getAttribute('aria-current')).toBe('true');
    expect(scrolled.at(-1)).toBe('flatten');
  });

  it('opens the layer in the Inspector with Enter or a double-click', () => {
    const { onOpen, selectedIds, row } = setup();
    fireEvent.keyDown(within(row('dense')).getByRole('button'), { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith('dense');
    expect(selectedIds()).toEqual(['dense']);
    fireEvent.doubleClick(row('flatten'));
    expect(onOpen).toHaveBeenLastCalledWith('flatten');
  });
});

describe('selectOnlyNode', () => {
  it('emits only the changes needed', () => {
    const nodes = [{ id: 'a', selected: true }, { id: 'b' }, { id: 'c', selected: false }];
    const edges = [{ id: 'e1', selected: true }, { id: 'e2' }];
    expect(selectOnlyNode(nodes, edges, 'b')).toEqual({
      nodes: [
        { type: 'select', id: 'a', selected: false },
        { type: 'select', id: 'b', selected: true },
      ],
      edges: [{ type: 'select', id: 'e1', selected: false }],
    });
    expect(selectOnlyNode([{ id: 'b', selected: true }], [], 'b')).toEqual({ nodes: [], edges: [] });
  });
});
