// The editor's one zustand store: the document (model name, React Flow nodes and edges), its analysis by
// the engine (shapes, parameter counts, issues, which layers are not wired in yet), undo history, dirty
// tracking and the clipboard.
// Every edit goes through an action here, so history and analysis can never be forgotten by a component.
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import {
  analyzeGraph,
  checkBypass,
  type Graph,
  type GraphAnalysis,
  type MessageId,
  type MessageValues,
  type ModelFile,
} from '../../../engine';
import { findConnectivity, type Connectivity } from '../../../engine/connectivity';
import { autoLayout } from './auto-layout';
import { checkConnection, type ConnectionVerdict } from './connection-check';
import type { ConnectionFix } from './connection-fixes';
import { edgeId, type LayerFlowEdge, type LayerFlowNode } from './flow-types';
import { flowFromGraph, graphFromFlow, modelFileFromFlow } from './graph-document';
import { emptyHistory, record, redo, undo, type History } from './history';
import { insertLayer } from './insert-layer';
import { freshNodeId } from './node-ids';

interface Snapshot {
  readonly modelName: string;
  readonly nodes: LayerFlowNode[];
  readonly edges: LayerFlowEdge[];
  /** Set on the step of an external edit: Undo and Redo replay it (the graph is the same on both sides). */
  readonly external?: ExternalEdit;
}

/** A change outside the graph (a training setting changed by a remedy) kept in the same undo history. */
export interface ExternalEdit {
  readonly undo: () => void;
  readonly redo: () => void;
}

export interface Notice {
  readonly kind: 'error' | 'info';
  /** In English; with a message id the notice bar shows it in the UI language. */
  readonly text: string;
  readonly messageId?: MessageId;
  readonly values?: MessageValues;
  /** For a refused connection: layers that, inserted between its ends, would make it fit. */
  readonly fixes?: {
    readonly source: string;
    readonly target: string;
    readonly fixes: readonly ConnectionFix[];
  };
}

export interface EditorState {
  /** The document's id (the model file's "id"): its training runs belong to it. */
  readonly docId: string;
  readonly modelName: string;
  readonly nodes: LayerFlowNode[];
  readonly edges: LayerFlowEdge[];
  readonly analysis: GraphAnalysis;
  readonly connectivity: Connectivity;
  readonly history: History<Snapshot>;
  /** Bumped by every document change; the document is dirty while it differs from savedRevision. */
  readonly revision: number;
  readonly savedRevision: number;
  readonly fileName: string | null;
  /** Desktop only: main's id for the file on disk, so Save writes there without asking. */
  readonly documentId: string | null;
  /** The model file's training section, kept so saving does not drop it. */
  readonly training: Readonly<Record<string, unknown>> | undefined;
  readonly notice: Notice | null;
  readonly clipboard: Snapshot | null;
  /** Coalesces keystrokes in one field into one undo step. */
  readonly lastEdit: { readonly key: string; readonly at: number } | null;
  /** Bumped when a different document is loaded (the canvas then fits it into view). */
  readonly documentKey: number;
  /** A layer the canvas should scroll into view (a newly added one); seq makes repeats distinct. */
  readonly focusRequest: { readonly nodeId: string; readonly seq: number } | null;
  /** Whether the "Connect to…" picker is open for the selected layer. */
  readonly connectPickerOpen: boolean;
}

export interface EditorActions {
  loadModel(
    model: ModelFile,
    options?: { fileName?: string | null; documentId?: string | null; dirty?: boolean },
  ): void;
  toModelFile(): ModelFile;
  onNodesChange(changes: NodeChange<LayerFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<LayerFlowEdge>[]): void;
  beginDrag(): void;
  endDrag(): void;
  connect(source: string, target: string): ConnectionVerdict;
  addLayer(
    type: string,
    position?: XYPosition,
    options?: { connectAfterSelection?: boolean; params?: Readonly<Record<string, unknown>> },
  ): string;
  /** Puts a new layer on an edge (source -> new -> target) when shapes allow; else adds it loose. */
  insertOnEdge(type: string, source: string, target: string): string;
  /** Inserts the fix's layer between source and target and connects both; one undo step. */
  applyFix(source: string, target: string, fix: ConnectionFix): string;
  selectNodes(ids: readonly string[]): void;
  setConnectPicker(open: boolean): void;
  setParam(nodeId: string, key: string, value: unknown): void;
  resetParam(nodeId: string, key: string): void;
  rename(nodeId: string, name: string): void;
  /** Freezes (false) or unfreezes (true) the layers `ids` (Keras trainable); one undo step for all. */
  setTrainable(ids: readonly string[], trainable: boolean): void;
  setModelName(name: string): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  duplicateSelection(): void;
  /**
   * Bypasses the layers (their input passes through), or restores them when all are bypassed already;
   * one undo step. A bypass that would break the model is refused with a notice and changes nothing.
   */
  toggleBypass(ids: readonly string[]): void;
  selectAll(): void;
  undo(): void;
  redo(): void;
  layout(): void;
  markSaved(fileName: string | null, documentId?: string | null): void;
  setTraining(section: Readonly<Record<string, unknown>> | undefined): void;
  notify(notice: Notice | null): void;
  /**
   * Replaces the graph with an edited copy (a diagnosis remedy) as one undo step. Layers kept from the
   * current graph keep their flow state; the `added` ones are selected and scrolled into view. With
   * `external` (training settings changed with it), that change is applied and undone in the same step.
   */
  applyGraphEdit(graph: Graph, added: readonly string[], external?: ExternalEdit): void;
  /** Applies `edit.redo()` and records it as one undo step, so Ctrl+Z and the Undo button take it back. */
  applyExternalEdit(edit: ExternalEdit): void;
}

export type EditorStore = EditorState & EditorActions;

/** Everything derived from the document's structure, recomputed on each structural change. */
const analyze = (nodes: readonly LayerFlowNode[], edges: readonly LayerFlowEdge[]) => {
  const graph = graphFromFlow(nodes, edges);
  return { analysis: analyzeGraph(graph), connectivity: findConnectivity(graph) };
};

const EDIT_COALESCE_MS = 1000;
const PASTE_OFFSET = 40;

export function createEditorStore(initial: ModelFile) {
  return createStore<EditorStore>()((set, get) => {
    const snapshot = (): Snapshot => {
      const { modelName, nodes, edges } = get();
      return { modelName, nodes, edges };
    };
    /** Applies a document change: records undo, re-analyses and marks the document dirty. */
    const change = (next: Partial<Snapshot>, options: { coalesceKey?: string } = {}) => {
      const state = get();
      const now = Date.now();
      const coalesce =
        options.coalesceKey !== undefined &&
        state.lastEdit?.key === options.coalesceKey &&
        now - state.lastEdit.at < EDIT_COALESCE_MS;
      const nodes = next.nodes ?? state.nodes;
      const edges = next.edges ?? state.edges;
      const structural = next.nodes !== undefined || next.edges !== undefined;
      set({
        ...next,
        history: coalesce ? state.history : record(state.history, snapshot()),
        ...(structural ? analyze(nodes, edges) : {}),
        revision: state.revision + 1,
        lastEdit: options.coalesceKey !== undefined ? { key: options.coalesceKey, at: now } : null,
      });
    };
    const restore = (s: Snapshot, history: History<Snapshot>) =>
      set((state) => ({
        ...s,
        history,
        ...analyze(s.nodes, s.edges),
        revision: state.revision + 1,
        lastEdit: null,
      }));
    const updateNodeData = (
      nodeId: string,
      update: (n: LayerFlowNode) => LayerFlowNode,
      coalesceKey?: string,
    ) =>
      change(
        { nodes: get().nodes.map((n) => (n.id === nodeId ? update(n) : n)) },
        coalesceKey !== undefined ? { coalesceKey } : {},
      );
    const selected = () => get().nodes.filter((n) => n.selected);
    let focusSeq = 0;
    const insert = (request: Parameters<typeof insertLayer>[1]) => {
      const { id, nodes, edges } = insertLayer(get(), request);
      change({ nodes, edges });
      set({ focusRequest: { nodeId: id, seq: ++focusSeq } });
      return id;
    };

    const initialFlow = flowFromGraph(initial.graph);
    return {
      docId: initial.id ?? crypto.randomUUID(),
      modelName: initial.name,
      ...initialFlow,
      ...analyze(initialFlow.nodes, initialFlow.edges),
      history: emptyHistory(),
      revision: 0,
      savedRevision: 0,
      fileName: null,
      documentId: null,
      training: initial.training,
      notice: null,
      clipboard: null,
      lastEdit: null,
      documentKey: 0,
      focusRequest: null,
      connectPickerOpen: false,

      loadModel(model, options = {}) {
        const flow = flowFromGraph(model.graph);
        set((state) => ({
          docId: model.id ?? crypto.randomUUID(),
          modelName: model.name,
          ...flow,
          ...analyze(flow.nodes, flow.edges),
          history: emptyHistory(),
          revision: state.revision + 1,
          savedRevision: options.dirty ? state.savedRevision : state.revision + 1,
          fileName: options.fileName ?? null,
          documentId: options.documentId ?? null,
          training: model.training,
          notice: null,
          lastEdit: null,
          documentKey: state.documentKey + 1,
          focusRequest: null,
          connectPickerOpen: false,
        }));
      },
      toModelFile() {
        const { docId, modelName, nodes, edges, training } = get();
        return { ...modelFileFromFlow(modelName, { nodes, edges }, training), id: docId };
      },
      onNodesChange(changes) {
        const removes = changes.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace');
        const nodes = applyNodeChanges(changes, get().nodes);
        if (removes) {
          const ids = new Set(nodes.map((n) => n.id));
          change({ nodes, edges: get().edges.filter((e) => ids.has(e.source) && ids.has(e.target)) });
        } else set({ nodes });
      },
      onEdgesChange(changes) {
        const edges = applyEdgeChanges(changes, get().edges);
        if (changes.some((c) => c.type !== 'select')) change({ edges });
        else set({ edges });
      },
      beginDrag() {
        set((state) => ({ history: record(state.history, snapshot()), lastEdit: null }));
      },
      endDrag() {
        set((state) => ({ revision: state.revision + 1 }));
      },
      connect(source, target) {
        const { nodes, edges } = get();
        const verdict = checkConnection(graphFromFlow(nodes, edges), source, target);
        if (!verdict.ok) {
          const fixes = verdict.fixes ? { fixes: { source, target, fixes: verdict.fixes } } : {};
          set({
            notice: {
              kind: 'error',
              text: verdict.reason,
              ...(verdict.messageId && { messageId: verdict.messageId, values: verdict.values ?? {} }),
              ...fixes,
            },
          });
          return verdict;
        }
        change({ edges: [...edges, { id: edgeId(source, target), source, target, type: 'shape' }] });
        set({ notice: null });
        return verdict;
      },
      addLayer(type, position, options = {}) {
        const after = options.connectAfterSelection ? selected() : [];
        return insert({
          type,
          ...(after.length === 1 && after[0] ? { after: after[0].id } : {}),
          ...(position ? { position } : {}),
          ...(options.params ? { params: options.params } : {}),
        });
      },
      insertOnEdge(type, source, target) {
        return insert({ type, edge: { source, target } });
      },
      applyFix(source, target, fix) {
        const id = insert({ type: fix.type, params: fix.params, edge: { source, target }, nearTarget: true });
        set({ notice: null });
        return id;
      },
      selectNodes(ids) {
        const wanted = new Set(ids);
        set((state) => ({
          nodes: state.nodes.map((n) =>
            n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) },
          ),
          edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        }));
      },
      setConnectPicker(open) {
        set({ connectPickerOpen: open });
      },
      setParam(nodeId, key, value) {
        updateNodeData(
          nodeId,
          (n) => ({ ...n, data: { ...n.data, params: { ...n.data.params, [key]: value } } }),
          `${nodeId}.${key}`,
        );
      },
      resetParam(nodeId, key) {
        updateNodeData(nodeId, (n) => {
          const params = { ...n.data.params };
          delete params[key];
          return { ...n, data: { ...n.data, params } };
        });
      },
      rename(nodeId, name) {
        updateNodeData(
          nodeId,
          (n) => {
            const { name: _old, ...rest } = n.data;
            return { ...n, data: name.trim() === '' ? rest : { ...rest, name: name.trim() } };
          },
          `${nodeId}.name`,
        );
      },
      setTrainable(ids, trainable) {
        const wanted = new Set(ids);
        const frozen = (n: LayerFlowNode) => n.data.trainable === false;
        if (!get().nodes.some((n) => wanted.has(n.id) && frozen(n) === trainable)) return;
        change({
          nodes: get().nodes.map((n) => {
            if (!wanted.has(n.id) || frozen(n) !== trainable) return n;
            const { trainable: _old, ...rest } = n.data;
            return { ...n, data: trainable ? rest : { ...rest, trainable: false } };
          }),
        });
      },
      setModelName(name) {
        change({ modelName: name }, { coalesceKey: 'model.name' });
      },
      deleteSelection() {
        const { nodes, edges } = get();
        const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
        const keptEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
        if (gone.size === 0 && keptEdges.length === edges.length) return;
        change({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keptEdges });
      },
      copySelection() {
        const nodes = selected();
        if (nodes.length === 0) return;
        const ids = new Set(nodes.map((n) => n.id));
        const edges = get().edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        set({ clipboard: { modelName: get().modelName, nodes, edges } });
      },
      paste() {
        const clip = get().clipboard;
        if (clip === null) return;
        const { nodes, edges } = get();
        const taken = new Set(nodes.map((n) => n.id));
        const names = new Set(nodes.map((n) => n.data.name).filter((n) => n !== undefined));
        const renamed = new Map<string, string>();
        const pasted = clip.nodes.map((n): LayerFlowNode => {
          const id = freshNodeId(n.data.type, taken);
          taken.add(id);
          renamed.set(n.id, id);
          // Explicit names must stay unique: a pasted copy goes back to a generated one.
          const { name, ...data } = n.data;
          return {
            id,
            type: 'layer',
            position: { x: n.position.x + PASTE_OFFSET, y: n.position.y + PASTE_OFFSET },
            selected: true,
            data: name !== undefined && !names.has(name) ? { ...data, name } : data,
          };
        });
        const pastedEdges = clip.edges.map((e): LayerFlowEdge => {
          const source = renamed.get(e.source) as string;
          const target = renamed.get(e.target) as string;
          return { id: edgeId(source, target), source, target, type: 'shape' };
        });
        change({
          nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
          edges: [...edges, ...pastedEdges],
        });
        // A second paste lands further along instead of on top of the first.
        set({ clipboard: { ...clip, nodes: pasted, edges: pastedEdges } });
      },
      duplicateSelection() {
        const clipboard = get().clipboard;
        get().copySelection();
        get().paste();
        set({ clipboard });
      },
      toggleBypass(ids) {
        const { nodes, edges } = get();
        const chosen = new Set(ids);
        const targets = nodes.filter((n) => chosen.has(n.id));
        if (targets.length === 0) return;
        const restore = targets.every((n) => n.data.bypassed === true);
        if (!restore) {
          const verdict = checkBypass(graphFromFlow(nodes, edges), ids);
          if (!verdict.ok) {
            const { reason: text, messageId, values } = verdict;
            set({ notice: { kind: 'error', text, messageId, values } });
            return;
          }
        }
        change({
          nodes: nodes.map((n) => {
            if (!chosen.has(n.id)) return n;
            const { bypassed: _old, ...data } = n.data;
            return { ...n, data: restore ? data : { ...data, bypassed: true as const } };
          }),
        });
        set({ notice: null });
      },
      selectAll() {
        set((state) => ({
          nodes: state.nodes.map((n) => (n.selected ? n : { ...n, selected: true })),
          edges: state.edges.map((e) => (e.selected ? e : { ...e, selected: true })),
        }));
      },
      undo() {
        const result = undo(get().history, snapshot());
        if (!result) return;
        const { external, ...state } = result.state;
        if (external === undefined) return restore(state, result.history);
        external.undo();
        // The step now waiting to be redone is the external edit: it carries the edit for Redo.
        const [next, ...later] = result.history.future as Snapshot[];
        restore(state, { ...result.history, future: [{ ...(next as Snapshot), external }, ...later] });
      },
      redo() {
        const result = redo(get().history, snapshot());
        if (!result) return;
        const { external, ...state } = result.state;
        if (external === undefined) return restore(state, result.history);
        external.redo();
        const past = result.history.past;
        const last = past.at(-1) as Snapshot;
        restore(state, { ...result.history, past: [...past.slice(0, -1), { ...last, external }] });
      },
      layout() {
        const { nodes, edges } = get();
        change({ nodes: autoLayout(nodes, edges) });
      },
      markSaved(fileName, documentId = null) {
        set((state) => ({ savedRevision: state.revision, fileName, documentId }));
      },
      setTraining(section) {
        set({ training: section });
      },
      notify(notice) {
        set({ notice });
      },
      applyGraphEdit(graph, added, external) {
        const before = new Map(get().nodes.map((n) => [n.id, n]));
        const fresh = new Set(added);
        const flow = flowFromGraph(graph);
        const nodes = flow.nodes.map((n): LayerFlowNode => {
          const old = before.get(n.id);
          if (old === undefined) return { ...n, selected: fresh.has(n.id) };
          // Positions went through graphFromFlow's rounding: only a real move replaces them.
          const moved =
            Math.round(old.position.x) !== n.position.x || Math.round(old.position.y) !== n.position.y;
          const same = JSON.stringify(old.data) === JSON.stringify(n.data);
          return {
            ...old,
            data: same ? old.data : n.data,
            selected: fresh.size > 0 ? false : old.selected,
            ...(moved ? { position: n.position } : {}),
          };
        });
        change({ nodes, edges: flow.edges });
        if (external !== undefined) {
          external.redo();
          // The step just recorded holds the graph before the edit: undoing it undoes the settings too.
          set((state) => {
            const past = state.history.past;
            const last = past.at(-1) as Snapshot;
            return { history: { ...state.history, past: [...past.slice(0, -1), { ...last, external }] } };
          });
        }
        const first = added[0];
        if (first !== undefined) set({ focusRequest: { nodeId: first, seq: ++focusSeq } });
      },
      applyExternalEdit(edit) {
        edit.redo();
        set((state) => ({
          history: record(state.history, { ...snapshot(), external: edit }),
          revision: state.revision + 1,
          lastEdit: null,
        }));
      },
    };
  });
}

export type EditorStoreApi = ReturnType<typeof createEditorStore>;
