import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('restoreWindowState', () => {
  it('puts the window back where it was, maximised or not', () => {
    const saved = { bounds: { x: 2000, y: 40, width: 1600, height: 1000 }, maximized: true };
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('opens at the default size when the display it was on is gone', () => {
    const saved = { bounds: { x: 2000, y: 40, width: 1600, height: 1000 }, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });

  it('shrinks a window larger than its display and grows one too small to use', () => {
    expect(
      restoreWindowState({ bounds: { x: 0, y: 0, width: 5000, height: 3000 } }, [laptop]).bounds,
    ).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
    });
    expect(restoreWindowState({ bounds: { x: 10, y: 10, width: 50, height: 50 } }, [laptop]).bounds).toEqual({
      x: 10,
      y: 10,
      width: 800,
      height: 560,
    });
  });

  it.each([null, 'garbage', { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: 1.5, height: 2 } }])(
    'ignores a damaged saved state %j',
    (saved) => {
      expect(restoreWindowState(saved, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
    },
  );

  it('fits the default to a small screen', () => {
    expect(restoreWindowState(undefined, [{ x: 0, y: 0, width: 1280, height: 720 }]).bounds).toEqual({
      width: 1280,
      height: 720,
    });
  });
});
