// The activations view's thumbnails sit beside their nodes, outside the nodes' measured bounds, so a
// view fitted to the nodes can leave the widest of them under the inspector. When they first appear for
// an input, pan the canvas left just enough to show them, never past the leftmost node or thumbnail.
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';
import { useLookInside } from './LookInsideContext';

const MARGIN = 12;
const PAN_MS = 200;

/** How far left to pan (screen pixels) so every box fits in `pane`; 0 when they fit or nothing can move. */
export function panToShow(pane: DOMRect, boxes: readonly DOMRect[], margin = MARGIN): number {
  if (boxes.length === 0) return 0;
  const overflow = Math.max(...boxes.map((b) => b.right)) - (pane.right - margin);
  const room = Math.min(...boxes.map((b) => b.left)) - (pane.left + margin);
  return Math.max(0, Math.min(overflow, room));
}

export function useSideViewsInView(): void {
  const flow = useReactFlow();
  const root = useStore((s) => s.domNode);
  const input = useLookInside((s) => s.input);
  const shown = useLookInside((s) => s.view === 'activations' && s.activations !== null);
  useEffect(() => {
    if (!shown || root === null) return;
    // After the thumbnails have been laid out.
    const frame = requestAnimationFrame(() => {
      const pane = root.getBoundingClientRect();
      const boxes = [...root.querySelectorAll('.react-flow__node, .inside-side')].map((el) =>
        el.getBoundingClientRect(),
      );
      const shift = panToShow(pane, boxes);
      if (shift < 1) return;
      const { x, y, zoom } = flow.getViewport();
      void flow.setViewport({ x: x - shift, y, zoom }, { duration: PAN_MS });
    });
    return () => cancelAnimationFrame(frame);
    // Once per input shown, not on every drawn stroke: the user may have moved the canvas since.
  }, [flow, root, shown, input?.kind, input?.kind === 'test' ? input.index : null]);
}
