// Where the view starts on a newly opened model: the whole graph when it fits at a readable zoom;
// otherwise a readable zoom with the graph's top (its input) in view, centred horizontally, so a tall
// model starts where it begins instead of as unreadable miniatures.
import type { Rect, Viewport } from '@xyflow/react';

export const READABLE_ZOOM = 0.7;
const MAX_ZOOM = 1.1;
const PADDING = 32;

export function initialViewport(bounds: Rect, view: { clientWidth: number; clientHeight: number }): Viewport {
  const { clientWidth: w, clientHeight: h } = view;
  if (bounds.width === 0 && bounds.height === 0) return { x: w / 2, y: PADDING, zoom: 1 };
  const fit = Math.min(MAX_ZOOM, (w - 2 * PADDING) / bounds.width, (h - 2 * PADDING) / bounds.height);
  const zoom = Math.max(fit, READABLE_ZOOM);
  const x = w / 2 - (bounds.x + bounds.width / 2) * zoom;
  const y = fit >= READABLE_ZOOM ? h / 2 - (bounds.y + bounds.height / 2) * zoom : PADDING - bounds.y * zoom;
  return { x, y, zoom };
}
