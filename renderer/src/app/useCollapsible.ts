// One collapsible panel's handle: a ref for react-resizable-panels' Panel, whether it is collapsed now
// (updated from the Panel's onResize, so a drag past its minimum counts too), and collapse/expand.
import { useCallback, useState } from 'react';
import { usePanelRef } from 'react-resizable-panels';

export interface Collapsible {
  readonly ref: ReturnType<typeof usePanelRef>;
  readonly collapsed: boolean;
  readonly onResize: () => void;
  readonly collapse: () => void;
  readonly expand: () => void;
  readonly toggle: () => void;
}

export function useCollapsible(): Collapsible {
  const ref = usePanelRef();
  const [collapsed, setCollapsed] = useState(false);
  const onResize = useCallback(() => setCollapsed(ref.current?.isCollapsed() ?? false), [ref]);
  const collapse = useCallback(() => ref.current?.collapse(), [ref]);
  const expand = useCallback(() => ref.current?.expand(), [ref]);
  const toggle = useCallback(() => {
    const panel = ref.current;
    if (panel === null) return;
    if (panel.isCollapsed()) panel.expand();
    else panel.collapse();
  }, [ref]);
  return { ref, collapsed, onResize, collapse, expand, toggle };
}
