// Runs the command whose shortcut was pressed, unless focus is in a text field (where Ctrl+Z and
// Delete belong to the field) or the command does not apply now.
import { useEffect, useRef } from 'react';
import { COMMANDS, type CommandContext } from './commands';
import { commandForKey, isTextTarget } from './shortcuts';

export function useShortcuts(ctx: CommandContext): void {
  const latest = useRef(ctx);
  latest.current = ctx;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(COMMANDS, event, isTextTarget(event.target));
      if (command === undefined) return;
      if (command.enabled && !command.enabled(latest.current)) return;
      event.preventDefault();
      command.run(latest.current);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
