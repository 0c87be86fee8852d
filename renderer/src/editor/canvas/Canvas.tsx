// The React Flow canvas: controlled by the editor store, with the layer node and shape edge types,
// drops from the palette (onto an edge: inserted into it), quick add (Space or a double-click on empty
// canvas), the "Connect to…" picker, the not-connected hint, minimap, zoom controls and a grid.
// Deleting is left to the editor's commands so it is undoable like every other edit.
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
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isTextTarget } from '../../commands/shortcuts';
import { LookInsidePanel, LookInsideProvider, useSideViewsInView } from '../../look-inside';
import { useEditor, useEditorStoreApi } from '../EditorContext';
import './canvas.css';
import { ConnectivityHint } from './ConnectivityHint';
import { ConnectPicker } from './ConnectPicker';
import { initialViewport } from './initial-viewport';
import { LayerNode } from './LayerNode';
import { NodeContextMenu } from './NodeContextMenu';
import { QuickAdd } from './QuickAdd';
import { ShapeEdge } from './ShapeEdge';
import { useRevealNode } from './useRevealNode';
import { useLayerDrop } from './useLayerDrop';
import { useNodeMenu } from './useNodeMenu';
import { useTabOrder } from './useTabOrder';

/** Room the quick-add box needs (canvas.css .canvas-picker: 260px wide, a list of up to 240px). */
const PICKER_SIZE = { width: 264, height: 300 };

const nodeTypes: NodeTypes = { layer: LayerNode };
const edgeTypes: EdgeTypes = { shape: ShapeEdge };

/** The canvas with its look-inside state (the view switch's choice, the activations on show). */
export function Canvas({ colorMode }: { colorMode: ColorMode }) {
  return (
    <LookInsideProvider>
      <CanvasView colorMode={colorMode} />
    </LookInsideProvider>
  );
}

function CanvasView({ colorMode }: { colorMode: ColorMode }) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const analysis = useEditor((s) => s.analysis);
  const documentKey = useEditor((s) => s.documentKey);
  const connectOpen = useEditor((s) => s.connectPickerOpen);
  const flow = useReactFlow();
  const { screenToFlowPosition } = flow;
  useSideViewsInView();
  const container = useRef<HTMLDivElement>(null);
  const pointer = useRef<XYPosition | null>(null);
  /** flowAt null: opened from the keyboard away from the cursor, the layer goes below the selection. */
  const [quickAdd, setQuickAdd] = useState<{ at: XYPosition; flowAt: XYPosition | null } | null>(null);
  const drop = useLayerDrop();
  useRevealNode(container);
  useTabOrder(container);

  useEffect(() => {
    // A blank document is just its InputLayer: select it and take the keyboard at once, so Space adds
    // the first layer after it straight away.
    const only = store.getState().nodes;
    if (only.length === 1 && only[0] !== undefined && documentKey > 0) {
      store.getState().selectNodes([only[0].id]);
      container.current?.focus({ preventScroll: true });
    }
    // Show a newly opened document once React Flow has measured its nodes.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const box = container.current;
        if (box) void flow.setViewport(initialViewport(flow.getNodesBounds(flow.getNodes()), box));
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [documentKey, flow, store]);

  // Edges are named by the layer names the user sees, not internal ids.
  const shownEdges = useMemo(
    () =>
      edges.map((e) => ({
        ...e,
        ariaLabel: t('editor.edge.label', {
          source: analysis.byId.get(e.source)?.name ?? e.source,
          target: analysis.byId.get(e.target)?.name ?? e.target,
        }),
        ...(e.id === drop.edge ? { className: 'is-drop-target' } : {}),
      })),
    [edges, analysis, drop.edge, t],
  );

  const openQuickAdd = useCallback(
    (client: XYPosition, atCursor = true) => {
      const box = container.current?.getBoundingClientRect();
      if (!box) return;
      // The box opens at the cursor, kept inside the canvas; the layer still lands at the cursor.
      setQuickAdd({
        at: {
          x: Math.max(0, Math.min(client.x - box.left, box.width - PICKER_SIZE.width)),
          y: Math.max(0, Math.min(client.y - box.top, box.height - PICKER_SIZE.height)),
        },
        flowAt: atCursor ? screenToFlowPosition(client) : null,
      });
    },
    [screenToFlowPosition],
  );
  const closePicker = useCallback(() => {
    setQuickAdd(null);
    store.getState().setConnectPicker(false);
    // Back to the selected layer, so the keyboard can carry on from it; else to the canvas.
    const selected = store.getState().nodes.filter((n) => n.selected);
    const node =
      selected.length === 1
        ? container.current?.querySelector<HTMLElement>(
            `.react-flow__node[data-id="${CSS.escape(selected[0]?.id ?? '')}"]`,
          )
        : null;
    (node ?? container.current)?.focus({ preventScroll: true });
  }, [store]);
  const nodeMenu = useNodeMenu(container);
  const onKeyDown = (event: KeyboardEvent) => {
    if (nodeMenu.onKeyDown(event)) return;
    if (event.key !== ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTextTarget(event.target) || quickAdd !== null) return;
    event.preventDefault();
    const box = container.current?.getBoundingClientRect();
    const inside =
      pointer.current !== null &&
      box !== undefined &&
      pointer.current.x >= box.left &&
      pointer.current.x <= box.right &&
      pointer.current.y >= box.top &&
      pointer.current.y <= box.bottom;
    if (inside && pointer.current) {
      openQuickAdd(pointer.current);
      return;
    }
    // From the keyboard with the cursor elsewhere: the box opens at the selected layer, under which the new
    // one will go; with nothing selected, a third of the way into the canvas.
    const picked = store.getState().nodes.filter((n) => n.selected);
    const under =
      picked.length === 1
        ? container.current
            ?.querySelector(`.react-flow__node[data-id="${CSS.escape(picked[0]?.id ?? '')}"]`)
            ?.getBoundingClientRect()
        : undefined;
    // Below the layer when the box fits there, else beside it, so the box never covers it.
    const fitsBelow =
      under !== undefined && box !== undefined && under.bottom + 8 + PICKER_SIZE.height <= box.bottom;
    openQuickAdd(
      under
        ? fitsBelow
          ? { x: under.left, y: under.bottom + 8 }
          : { x: under.right + 8, y: under.top }
        : { x: (box?.left ?? 0) + (box?.width ?? 0) / 3, y: (box?.top ?? 0) + (box?.height ?? 0) / 3 },
      false,
    );
  };

  const onConnect = useCallback(
    (c: Connection) => void store.getState().connect(c.source, c.target),
    [store],
  );
  const selectedId = useEditor((s) => {
    const picked = s.nodes.filter((n) => n.selected);
    return picked.length === 1 ? picked[0]?.id : undefined;
  });
  const connectAt = (): XYPosition => {
    const node = selectedId ? flow.getInternalNode(selectedId) : undefined;
    const box = container.current?.getBoundingClientRect();
    if (!node || !box) return { x: 16, y: 16 };
    const { x, y } = node.internals.positionAbsolute;
    const screen = flow.flowToScreenPosition({ x, y: y + (node.measured.height ?? 84) + 8 });
    return {
      x: Math.min(Math.max(8, screen.x - box.left), box.width - 268),
      y: Math.min(Math.max(8, screen.y - box.top), box.height - 300),
    };
  };

  return (
    <div
      className="canvas"
      ref={container}
      tabIndex={-1}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
      onKeyDown={onKeyDown}
      onPointerMove={(e) => (pointer.current = { x: e.clientX, y: e.clientY })}
      onPointerDown={(e) => {
        // The pane swallows focus on press; focusing the canvas lets Space open quick add.
        if ((e.target as Element).closest('.react-flow__pane'))
          container.current?.focus({ preventScroll: true });
      }}
      onDoubleClick={(e) => {
        const target = e.target as Element;
        if (target.closest('.react-flow__pane') && !target.closest('.react-flow__node, .react-flow__edge'))
          openQuickAdd({ x: e.clientX, y: e.clientY });
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={store.getState().onNodesChange}
        onEdgesChange={store.getState().onEdgesChange}
        onConnect={onConnect}
        onNodeContextMenu={nodeMenu.onNodeContextMenu}
        onNodeDragStart={store.getState().beginDrag}
        onNodeDragStop={store.getState().endDrag}
        onSelectionDragStart={store.getState().beginDrag}
        onSelectionDragStop={store.getState().endDrag}
        deleteKeyCode={null}
        // Space opens quick add and a double-click on empty canvas does too, so neither pans nor zooms.
        panActivationKeyCode={null}
        zoomOnDoubleClick={false}
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
      <ConnectivityHint />
      <LookInsidePanel />
      {nodeMenu.open && (
        <NodeContextMenu nodeId={nodeMenu.open.nodeId} at={nodeMenu.open.at} onClose={nodeMenu.close} />
      )}
      {quickAdd && <QuickAdd at={quickAdd.at} flowAt={quickAdd.flowAt} onClose={closePicker} />}
      {connectOpen && selectedId && (
        <ConnectPicker sourceId={selectedId} at={connectAt()} onClose={closePicker} />
      )}
    </div>
  );
}
