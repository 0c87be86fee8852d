// Dropping a palette layer on the canvas: onto an edge it is inserted into that edge (source -> new ->
// target, when shapes allow), anywhere else it lands loose under the cursor. While dragging, the edge
// it would join is marked.
import { useReactFlow } from '@xyflow/react';
import { useCallback, useState, type DragEvent } from 'react';
import { useEditorStoreApi } from '../EditorContext';
import { LAYER_DRAG_TYPE } from '../palette/drag-type';

/** Half a node's size, so a dropped layer is centred under the cursor (nodes are 248px wide). */
const HALF_NODE = { x: 124, y: 30 };

/** The edge under a screen point, if any (its wide invisible hit path counts). */
const edgeAt = (x: number, y: number): string | undefined =>
  document
    .elementsFromPoint(x, y)
    .map((el) => el.closest('.react-flow__edge')?.getAttribute('data-id'))
    .find((id) => id != null) ?? undefined;

export interface LayerDrop {
  /** The edge a drop would insert into now. */
  readonly edge: string | undefined;
  readonly onDragOver: (event: DragEvent) => void;
  readonly onDragLeave: () => void;
  readonly onDrop: (event: DragEvent) => void;
}

export function useLayerDrop(): LayerDrop {
  const store = useEditorStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const [edge, setEdge] = useState<string | undefined>(undefined);
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setEdge(edgeAt(event.clientX, event.clientY));
  }, []);
  const onDragLeave = useCallback(() => setEdge(undefined), []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      setEdge(undefined);
      if (type === '') return;
      event.preventDefault();
      const target = store.getState().edges.find((e) => e.id === edgeAt(event.clientX, event.clientY));
      if (target) {
        store.getState().insertOnEdge(type, target.source, target.target);
        return;
      }
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addLayer(type, { x: at.x - HALF_NODE.x, y: at.y - HALF_NODE.y });
    },
    [store, screenToFlowPosition],
  );
  return { edge, onDragOver, onDragLeave, onDrop };
}
