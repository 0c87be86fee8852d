// The training dock's three states over two collapsible panels of the main column: collapsed (only the
// one-line status bar), open (resizable, canvas above) and maximized (the canvas row collapsed, the
// dock's charts and results fill the window). A run that starts while the dock is collapsed opens it,
// so pressing Train shows the curves without another click.
import { useCallback, useEffect, useRef } from 'react';
import { useTrainingStore } from '../training';
import { liveRunId } from '../training/training-store';
import { useCollapsible, type Collapsible } from './useCollapsible';

export type DockMode = 'collapsed' | 'open' | 'maximized';

/** An opened dock smaller than this is too small for the charts: it opens at OPEN_SIZE instead. */
const MIN_OPEN_PX = 260;
const OPEN_SIZE = '48%';

export function dockMode(dockCollapsed: boolean, workspaceCollapsed: boolean): DockMode {
  if (workspaceCollapsed) return 'maximized';
  return dockCollapsed ? 'collapsed' : 'open';
}

export interface DockLayout {
  readonly dock: Collapsible;
  readonly workspace: Collapsible;
  readonly mode: DockMode;
  readonly open: () => void;
  readonly toggleOpen: () => void;
  readonly toggleMaximized: () => void;
}

export function useDockLayout(): DockLayout {
  const dock = useCollapsible();
  const workspace = useCollapsible();
  const mode = dockMode(dock.collapsed, workspace.collapsed);

  const open = useCallback(() => {
    workspace.expand();
    const panel = dock.ref.current;
    if (panel === null) return;
    if (panel.isCollapsed()) panel.expand();
    if (panel.getSize().inPixels < MIN_OPEN_PX) panel.resize(OPEN_SIZE);
  }, [dock.ref, workspace]);
  const toggleOpen = useCallback(() => {
    if (dock.ref.current?.isCollapsed() ?? true) open();
    else {
      workspace.expand();
      dock.collapse();
    }
  }, [dock, workspace, open]);
  const toggleMaximized = useCallback(() => {
    if (workspace.ref.current?.isCollapsed() ?? false) workspace.expand();
    else {
      dock.expand();
      workspace.collapse();
    }
  }, [dock, workspace]);

  const live = useTrainingStore(liveRunId);
  const shownFor = useRef(live);
  useEffect(() => {
    if (live !== null && live !== shownFor.current && (dock.ref.current?.isCollapsed() ?? false)) open();
    shownFor.current = live;
  }, [live, dock.ref, open]);

  return { dock, workspace, mode, open, toggleOpen, toggleMaximized };
}
