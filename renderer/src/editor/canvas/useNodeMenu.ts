// Where a layer's context menu is open: at the cursor for a right-click, at the node's lower left corner
// from the keyboard (the ContextMenu key or Shift+F10 on a focused node), kept inside the canvas. Closing
// hands focus back to the node, so the keyboard carries on from it.
import type { Node, XYPosition } from '@xyflow/react';
import { useCallback, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { isTextTarget } from '../../commands/shortcuts';
import { useEditorStoreApi } from '../EditorContext';
import { MENU_SIZE } from './NodeContextMenu';

const nodeElement = (box: HTMLElement | null, id: string) =>
  box?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null;

export function useNodeMenu(container: RefObject<HTMLDivElement | null>) {
  const store = useEditorStoreApi();
  const [open, setOpen] = useState<{ nodeId: string; at: XYPosition } | null>(null);
  const openId = useRef<string | null>(null);

  const show = (nodeId: string, client: XYPosition | null) => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const rect = nodeElement(container.current, nodeId)?.getBoundingClientRect();
    const point = client ?? { x: rect?.left ?? box.left, y: rect?.bottom ?? box.top };
    if (!store.getState().nodes.find((n) => n.id === nodeId)?.selected)
      store.getState().selectNodes([nodeId]);
    openId.current = nodeId;
    setOpen({
      nodeId,
      at: {
        x: Math.max(0, Math.min(point.x - box.left, box.width - MENU_SIZE.width)),
        y: Math.max(0, Math.min(point.y - box.top, box.height - MENU_SIZE.height)),
      },
    });
  };

  const close = useCallback(() => {
    const node = openId.current === null ? null : nodeElement(container.current, openId.current);
    openId.current = null;
    setOpen(null);
    (node ?? container.current)?.focus({ preventScroll: true });
  }, [container]);

  /** Opens the menu for the ContextMenu key or Shift+F10 on a node; true when it did. */
  const onKeyDown = (event: KeyboardEvent): boolean => {
    if (event.key !== 'ContextMenu' && !(event.key === 'F10' && event.shiftKey)) return false;
    const id = (event.target as Element).closest('.react-flow__node')?.getAttribute('data-id');
    if (!id || isTextTarget(event.target)) return false;
    event.preventDefault();
    show(id, null);
    return true;
  };

  const onNodeContextMenu = (event: MouseEvent, node: Node) => {
    event.preventDefault();
    // The ContextMenu key also fires this event, with no cursor position.
    const keyboard = event.clientX === 0 && event.clientY === 0;
    show(node.id, keyboard ? null : { x: event.clientX, y: event.clientY });
  };

  return { open, close, onKeyDown, onNodeContextMenu };
}
