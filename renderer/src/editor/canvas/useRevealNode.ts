// Scrolls a newly added layer into view when it landed outside the visible canvas, keeping the zoom.
import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useEditor } from '../EditorContext';

const MARGIN = 24;

export function useRevealNode(container: RefObject<HTMLElement | null>): void {
  const request = useEditor((s) => s.focusRequest);
  const flow = useReactFlow();
  useEffect(() => {
    if (request === null) return;
    // Wait a frame so React Flow has measured the new node.
    const frame = requestAnimationFrame(() => {
      const node = flow.getInternalNode(request.nodeId);
      const box = container.current?.getBoundingClientRect();
      if (node === undefined || box === undefined) return;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 220;
      const height = node.measured.height ?? 84;
      const topLeft = flow.flowToScreenPosition({ x, y });
      const bottomRight = flow.flowToScreenPosition({ x: x + width, y: y + height });
      const inside =
        topLeft.x >= box.left + MARGIN &&
        topLeft.y >= box.top + MARGIN &&
        bottomRight.x <= box.right - MARGIN &&
        bottomRight.y <= box.bottom - MARGIN;
      if (!inside)
        void flow.setCenter(x + width / 2, y + height / 2, { zoom: flow.getZoom(), duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [request, flow, container]);
}
