// The menu of a layer on the canvas (right-click, or the ContextMenu key / Shift+F10 on a focused node):
// the store's actions on the selection, as a plain list of items so one more is one line. Keyboard as a
// menu should be: focus starts on the first item, arrows move, Enter runs, Escape or a click outside closes.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorStoreApi } from '../EditorContext';
import type { EditorStore } from '../editor-store';

interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly run: (store: EditorStore, ids: readonly string[]) => void;
}

export const MENU_SIZE = { width: 180, height: 120 };

export function NodeContextMenu({
  nodeId,
  at,
  onClose,
}: {
  nodeId: string;
  at: { x: number; y: number };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const menu = useRef<HTMLDivElement>(null);
  const state = store.getState();
  const ids = state.nodes.filter((n) => n.selected).map((n) => n.id);
  const targets = ids.includes(nodeId) ? ids : [nodeId];
  const allBypassed = state.nodes.filter((n) => targets.includes(n.id)).every((n) => n.data.bypassed);
  const allFrozen = state.nodes
    .filter((n) => targets.includes(n.id))
    .every((n) => n.data.trainable === false);
  const name = state.analysis.byId.get(nodeId)?.name ?? nodeId;

  const items: readonly MenuItem[] = [
    {
      id: 'bypass',
      label: t(allBypassed ? 'bypass.restore' : 'bypass.bypass'),
      run: (s, chosen) => s.toggleBypass(chosen),
    },
    {
      id: 'freeze',
      label: t(allFrozen ? 'frozen.unfreeze' : 'frozen.freeze'),
      run: (s, chosen) => s.setTrainable(chosen, allFrozen),
    },
    { id: 'duplicate', label: t('editor.commands.duplicate'), run: (s) => s.duplicateSelection() },
    { id: 'delete', label: t('editor.commands.delete'), run: (s) => s.deleteSelection() },
  ];

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const run = (item: MenuItem) => {
    const s = store.getState();
    if (!ids.includes(nodeId)) s.selectNodes([nodeId]);
    item.run(store.getState(), targets);
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      Home: () => move(0),
      End: () => move(buttons.length - 1),
      Escape: onClose,
      Tab: onClose,
    };
    const action = keys[event.key];
    if (action === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  return (
    <div
      ref={menu}
      className="node-menu"
      role="menu"
      aria-label={t('bypass.menu', { name })}
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          data-item={item.id}
          className="node-menu-item"
          onClick={() => run(item)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
