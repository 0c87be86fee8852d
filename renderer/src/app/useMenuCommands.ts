// Runs the desktop app's native menu commands (only in Electron: the preload's onMenuCommand).
import { useEffect, useRef } from 'react';
import { isMenuCommand } from '../../../engine/api/menu-commands';
import { desktopBridge } from '../files/desktop-file-host';
import { runMenuCommand, type MenuContext } from './menu-actions';

export function useMenuCommands(ctx: MenuContext): void {
  const latest = useRef(ctx);
  latest.current = ctx;
  useEffect(() => {
    const bridge = desktopBridge();
    if (bridge?.onMenuCommand === undefined) return undefined;
    return bridge.onMenuCommand((command) => {
      if (isMenuCommand(command)) runMenuCommand(command, latest.current);
    });
  }, []);
}
