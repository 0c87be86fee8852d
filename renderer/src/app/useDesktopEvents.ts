// What the desktop app's main process sends the page (only in Electron, through the preload): native
// menu commands, run like the toolbar's, and model files the OS hands the app (a double-click, a
// command-line argument, Open Recent), opened like File › Open. Subscribing to documents tells main the
// page is ready, so files that arrived during start-up come now.
import { useEffect, useRef } from 'react';
import { isMenuCommand } from '../../../engine/api/menu-commands';
import { desktopBridge } from '../files/desktop-file-host';
import type { DocumentActions } from '../files/document-actions';
import { runMenuCommand, type MenuContext } from './menu-actions';

export function useDesktopEvents(menu: MenuContext, actions: DocumentActions): void {
  const latest = useRef({ menu, actions });
  latest.current = { menu, actions };
  useEffect(() => {
    const bridge = desktopBridge();
    const unsubscribes = [
      bridge?.onMenuCommand?.((command) => {
        if (isMenuCommand(command)) runMenuCommand(command, latest.current.menu);
      }),
      bridge?.onOpenDocument?.((message) => void latest.current.actions.openFromHost(message)),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe?.());
  }, []);
}
