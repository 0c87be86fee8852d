// An edge labelled with the tensor shape that flows along it (the source node's output shape).
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditor } from '../EditorContext';
import { formatShape } from '../format';

const LABEL_MIN_ZOOM = 0.5;

function ShapeEdgeView(props: EdgeProps) {
  const {
    id,
    source,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    markerEnd,
    selected,
  } = props;
  const shape = useEditor((s) => s.analysis.byId.get(source)?.outputShape);
  // Too small to read when zoomed far out, and hundreds of labels make large graphs slow to redraw.
  const readable = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        className={selected ? 'is-selected' : ''}
      />
      {shape !== undefined && readable && (
        <EdgeLabelRenderer>
          <div
            className="shape-edge-label nodrag nopan"
            data-testid="edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {formatShape(shape)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
