// The main window comes back where the user left it: its normal bounds and whether it was maximised are
// saved on close and restored on start, unless the display it was on is gone (then a centred default).
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  readonly maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
const MIN_SIZE = { width: 800, height: 560 };
/** How much of the window must be on some display for the saved place to count as visible. */
const MIN_VISIBLE = 100;

const savedSchema = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
  }),
  maximized: z.boolean().default(false),
});

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** The state to open with, from what was saved (anything, possibly damaged) and the displays' work areas. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fallback: WindowState = {
    bounds: {
      width: Math.min(DEFAULT_SIZE.width, primary.width),
      height: Math.min(DEFAULT_SIZE.height, primary.height),
    },
    maximized: false,
  };
  const parsed = savedSchema.safeParse(saved);
  if (!parsed.success) return fallback;
  const { bounds, maximized } = parsed.data;
  const needed = Math.min(MIN_VISIBLE, bounds.width) * Math.min(MIN_VISIBLE, bounds.height);
  const display = workAreas.find((area) => overlap(area, bounds) >= needed);
  if (display === undefined) return { ...fallback, maximized };
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), display.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), display.height);
  return { bounds: { x: bounds.x, y: bounds.y, width, height }, maximized };
}
