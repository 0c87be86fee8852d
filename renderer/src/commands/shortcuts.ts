// Matches keyboard events to commands' shortcuts ("Mod+Shift+z"): Mod is Cmd on macOS, Ctrl elsewhere.
import type { Command } from './commands';

const isMac = () => /mac/i.test(globalThis.navigator?.platform ?? '');

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function matchesShortcut(event: KeyLike, shortcut: string, mac = isMac()): boolean {
  const parts = shortcut.split('+');
  const key = parts.at(-1)?.toLowerCase();
  const wantMod = parts.includes('Mod');
  const wantShift = parts.includes('Shift');
  const mod = mac ? event.metaKey : event.ctrlKey;
  return event.key.toLowerCase() === key && mod === wantMod && event.shiftKey === wantShift && !event.altKey;
}

export function commandForKey(
  commands: readonly Command[],
  event: KeyLike,
  inField: boolean,
  mac = isMac(),
): Command | undefined {
  return commands.find((c) => (!inField || c.inFields) && c.keys.some((k) => matchesShortcut(event, k, mac)));
}

/** Whether the event comes from a place that takes text (then editing keys belong to it). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
