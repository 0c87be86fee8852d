// The React Flow canvas: controlled by the editor store, with the layer node and shape edge types,
// drops from the palette, minimap, zoom controls and a background grid. Deleting is left to the editor's
// commands so it is undoable like every other edit.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type ColorMode,
  type Connection,
  type EdgeTypes,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useEditorStoreApi } from '../EditorContext';
import { LAYER_DRAG_TYPE } from '../palette/drag-type';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { initialViewport } from './initial-viewport';

const nodeTypes: NodeTypes = { layer: LayerNode };
const edgeTypes: EdgeTypes = { shape: ShapeEdge };

export function Canvas({ colorMode }: { colorMode: ColorMode }) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const documentKey = useEditor((s) => s.documentKey);
  const flow = useReactFlow();
  const { screenToFlowPosition } = flow;
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Show a newly opened document once React Flow has measured its nodes.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const box = container.current;
        if (box) void flow.setViewport(initialViewport(flow.getNodesBounds(flow.getNodes()), box));
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [documentKey, flow]);

  const onConnect = useCallback(
    (c: Connection) => void store.getState().connect(c.source, c.target),
    [store],
  );
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (type === '') return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addLayer(type, { x: at.x - 110, y: at.y - 30 });
    },
    [store, screenToFlowPosition],
  );

  return (
    <div className="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={store.getState().onNodesChange}
        onEdgesChange={store.getState().onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={store.getState().beginDrag}
        onNodeDragStop={store.getState().endDrag}
        onSelectionDragStart={store.getState().beginDrag}
        onSelectionDragStop={store.getState().endDrag}
        deleteKeyCode={null}
        colorMode={colorMode}
        minZoom={0.1}
        maxZoom={2.5}
        fitView
        aria-label={t('editor.canvas.label')}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel={t('editor.canvas.minimap')} />
        <Controls aria-label={t('editor.canvas.zoomControls')} />
      </ReactFlow>
    </div>
  );
}
