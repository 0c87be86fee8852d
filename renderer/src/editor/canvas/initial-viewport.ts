// Where the view goes on a newly opened model and on Fit view: the whole graph when it fits at a
// readable zoom; otherwise the readable zoom with the graph's start (its InputLayer, else its top) in
// view, so a big model starts where it begins and the user scrolls on, instead of unreadable miniatures.
// Readable means node titles about 10 px on screen: never below 10 / (the title's CSS font size).
import type { Rect, Viewport } from '@xyflow/react';

/** Node title font size in CSS px when it cannot be read from a rendered node (12 px or more). */
export const NODE_TITLE_PX = 12;
/** The smallest on-screen title size Fit view allows. */
export const MIN_SCREEN_TEXT_PX = 10;
export const READABLE_ZOOM = MIN_SCREEN_TEXT_PX / NODE_TITLE_PX;

/** The lowest readable zoom for a title font size in CSS px (the default when unknown or invalid). */
export function readableZoom(titlePx?: number): number {
  return titlePx !== undefined && Number.isFinite(titlePx) && titlePx > 0
    ? MIN_SCREEN_TEXT_PX / titlePx
    : READABLE_ZOOM;
}
const MAX_ZOOM = 1.1;
const PADDING = 32;

/**
 * @param bounds all nodes' bounding box in flow coordinates
 * @param view the canvas element's size
 * @param start the box of the node the graph starts from (the InputLayer), if known
 * @param minZoom the readable floor (see readableZoom)
 */
export function initialViewport(
  bounds: Rect,
  view: { clientWidth: number; clientHeight: number },
  start?: Rect,
  minZoom = READABLE_ZOOM,
): Viewport {
  const { clientWidth: w, clientHeight: h } = view;
  if (bounds.width === 0 && bounds.height === 0) return { x: w / 2, y: PADDING, zoom: 1 };
  const fitX = (w - 2 * PADDING) / bounds.width;
  const fitY = (h - 2 * PADDING) / bounds.height;
  const zoom = Math.max(Math.min(MAX_ZOOM, fitX, fitY), minZoom);
  const anchor = start ?? bounds;
  // Each axis on its own: centre the graph along an axis where it fits, else show its start there.
  const x =
    fitX >= zoom
      ? w / 2 - (bounds.x + bounds.width / 2) * zoom
      : Math.min(PADDING - bounds.x * zoom, w / 2 - (anchor.x + anchor.width / 2) * zoom);
  const y = fitY >= zoom ? h / 2 - (bounds.y + bounds.height / 2) * zoom : PADDING - anchor.y * zoom;
  return { x, y, zoom };
}
