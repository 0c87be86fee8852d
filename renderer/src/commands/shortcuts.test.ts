import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { commandForKey } from './shortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it.each([
    [key('z', { ctrlKey: true }), 'undo'],
    [key('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [key('y', { ctrlKey: true }), 'redo'],
    [key('c', { ctrlKey: true }), 'copy'],
    [key('v', { ctrlKey: true }), 'paste'],
    [key('d', { ctrlKey: true }), 'duplicate'],
    [key('a', { ctrlKey: true }), 'selectAll'],
    [key('b', { ctrlKey: true }), 'bypass'],
    [key('Delete'), 'delete'],
    [key('Backspace'), 'delete'],
    [key('s', { ctrlKey: true }), 'save'],
  ])('maps %o to %s on Linux and Windows', (event, id) => {
    expect(commandForKey(COMMANDS, event, false, false)?.id).toBe(id);
  });

  it('uses Cmd instead of Ctrl on macOS', () => {
    expect(commandForKey(COMMANDS, key('z', { metaKey: true }), false, true)?.id).toBe('undo');
    expect(commandForKey(COMMANDS, key('z', { ctrlKey: true }), false, true)).toBeUndefined();
  });

  it('leaves editing keys to text fields but still saves from them', () => {
    expect(commandForKey(COMMANDS, key('z', { ctrlKey: true }), true, false)).toBeUndefined();
    expect(commandForKey(COMMANDS, key('Backspace'), true, false)).toBeUndefined();
    expect(commandForKey(COMMANDS, key('s', { ctrlKey: true }), true, false)?.id).toBe('save');
  });
});
