// @vitest-environment jsdom
// A layer's context menu: a labelled role=menu whose first item takes focus, arrows move between items,
// an item runs on the selection (Bypass, then Restore for a bypassed layer), Escape and a click outside
// close it. The summary leaves a bypassed layer out and counts its params no more.
import '../../i18n';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { templateModel } from '../../files/templates';
import { EditorProvider } from '../EditorContext';
import { createEditorStore } from '../editor-store';
import { SummaryPanel } from '../summary/SummaryPanel';
import { NodeContextMenu } from './NodeContextMenu';

function setup(nodeId: string) {
  const store = createEditorStore(templateModel('mnist-cnn'));
  store.getState().selectNodes([nodeId]);
  const onClose = vi.fn();
  const view = () => (
    <EditorProvider store={store}>
      <NodeContextMenu nodeId={nodeId} at={{ x: 10, y: 10 }} onClose={onClose} />
      <SummaryPanel />
    </EditorProvider>
  );
  const utils = render(view());
  const items = () => screen.getAllByRole('menuitem').map((b) => b.textContent);
  return { store, onClose, items, rerender: () => utils.rerender(view()) };
}

afterEach(cleanup);

describe('NodeContextMenu', () => {
  it('is a labelled menu with Bypass, Freeze, Duplicate and Delete; focus starts on the first', () => {
    const { items } = setup('conv3');
    expect(screen.getByRole('menu', { name: 'Actions for conv2d_2' })).toBeTruthy();
    expect(items()).toEqual(['Bypass', 'Freeze', 'Duplicate', 'Delete']);
    expect(document.activeElement?.textContent).toBe('Bypass');
  });

  it('moves with the arrows (wrapping), runs the focused item and closes', () => {
    const { store, onClose } = setup('conv3');
    const menu = screen.getByRole('menu');
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('Delete');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Bypass');
    (document.activeElement as HTMLElement).click();
    expect(store.getState().nodes.find((n) => n.id === 'conv3')?.data.bypassed).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('offers Restore for a bypassed layer; the summary leaves it out while bypassed', () => {
    const { store, items, rerender } = setup('conv3');
    const total = () => screen.getByTestId('summary-total').textContent;
    const before = total();
    expect(document.querySelector('tr[data-node-id="conv3"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Bypass' }));
    rerender();
    expect(items()[0]).toBe('Restore');
    expect(document.querySelector('tr[data-node-id="conv3"]')).toBeNull();
    expect(total()).not.toBe(before);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Restore' }));
    expect(store.getState().nodes.find((n) => n.id === 'conv3')?.data.bypassed).toBeUndefined();
    expect(total()).toBe(before);
  });

  it('freezes the layer, then offers Unfreeze; each is one undo step', () => {
    const { store, items, rerender } = setup('conv3');
    fireEvent.click(screen.getByRole('menuitem', { name: 'Freeze' }));
    expect(store.getState().nodes.find((n) => n.id === 'conv3')?.data.trainable).toBe(false);
    rerender();
    expect(items()[1]).toBe('Unfreeze');
    fireEvent.click(screen.getByRole('menuitem', { name: 'Unfreeze' }));
    expect(store.getState().nodes.find((n) => n.id === 'conv3')?.data.trainable).toBeUndefined();
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === 'conv3')?.data.trainable).toBe(false);
  });

  it('shows a refusal as the notice and bypasses nothing', () => {
    const { store } = setup('output');
    fireEvent.click(screen.getByRole('menuitem', { name: 'Bypass' }));
    expect(store.getState().notice?.text).toBe(
      "Bypassing dense_1 would change the model's output from (None, 10) to (None, 64)",
    );
    expect(store.getState().nodes.some((n) => n.data.bypassed)).toBe(false);
  });

  it('closes on Escape and on a click outside, not on a click inside', () => {
    const { onClose } = setup('conv3');
    fireEvent.pointerDown(screen.getByRole('menu'));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.pointerDown(document.body);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
