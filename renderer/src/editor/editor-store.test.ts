import { describe, expect, it } from 'vitest';
import { serializeModelFile } from '../../../engine';
import { templateModel } from '../files/templates';
import { createEditorStore } from './editor-store';
import { graphFromFlow } from './graph-document';

const blank = () => createEditorStore(templateModel('blank'));
const shapeOf = (store: ReturnType<typeof blank>, id: string) =>
  store.getState().analysis.byId.get(id)?.outputShape;
const select = (store: ReturnType<typeof blank>, ...ids: string[]) =>
  store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, selected: ids.includes(n.id) })) });

describe('editor store', () => {
  it('builds Input → Flatten → Dense by adding after the selection, inferring shapes and params', () => {
    const store = blank();
    select(store, 'input');
    const flatten = store.getState().addLayer('Flatten', undefined, { connectAfterSelection: true });
    const dense = store.getState().addLayer('Dense', undefined, { connectAfterSelection: true });
    store.getState().setParam(dense, 'units', 10);
    expect(store.getState().edges.map((e) => e.id)).toEqual([`input->${flatten}`, `${flatten}->${dense}`]);
    expect(shapeOf(store, flatten)).toEqual([784]);
    expect(shapeOf(store, dense)).toEqual([10]);
    expect(store.getState().analysis.byId.get(dense)?.trainableParams).toBe(7850);
    expect(store.getState().analysis.issues).toEqual([]);
  });

  it('refuses a cycle and a bad shape with the reason, leaving the graph unchanged', () => {
    const store = blank();
    select(store, 'input');
    const add = store.getState().addLayer('Add', { x: 0, y: 200 });
    const dense = store.getState().addLayer('Dense', { x: 0, y: 100 });
    expect(store.getState().connect('input', dense).ok).toBe(true);
    expect(store.getState().connect(dense, add).ok).toBe(true);
    const before = store.getState().edges;
    const cycle = store.getState().connect(add, dense);
    expect(cycle).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/one input/),
      messageId: 'connect.oneInput',
    });
    // Input (28,28,1) and Dense (28,28,64) cannot be added elementwise.
    const shape = store.getState().connect('input', add);
    expect(shape.ok).toBe(false);
    expect(store.getState().edges).toBe(before);
    expect(store.getState().notice?.kind).toBe('error');
  });

  it('undoes and redoes edits; keystrokes in one field are one step', () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    const dense = store.getState().nodes.find((n) => n.data.type === 'Dense')?.id as string;
    for (const v of [2, 25, 256]) store.getState().setParam(dense, 'units', v);
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === dense)?.data.params.units).toBe(128);
    expect(shapeOf(store, dense)).toEqual([128]);
    store.getState().redo();
    expect(shapeOf(store, dense)).toEqual([256]);
  });

  it('deletes the selection with its edges, and undo brings both back', () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    select(store, 'flatten');
    store.getState().deleteSelection();
    expect(store.getState().nodes.some((n) => n.id === 'flatten')).toBe(false);
    expect(store.getState().edges.some((e) => e.source === 'flatten' || e.target === 'flatten')).toBe(false);
    store.getState().undo();
    expect(
      store.getState().edges.filter((e) => e.source === 'flatten' || e.target === 'flatten'),
    ).toHaveLength(2);
  });

  it('pastes copies with fresh ids and their internal edges, offset from the originals', () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    select(store, 'flatten', 'dense');
    store.getState().copySelection();
    store.getState().paste();
    const pasted = store.getState().nodes.filter((n) => n.selected);
    expect(pasted.map((n) => n.data.type)).toEqual(['Flatten', 'Dense']);
    expect(pasted.every((n) => !['flatten', 'dense'].includes(n.id))).toBe(true);
    const [f, d] = pasted;
    expect(store.getState().edges.some((e) => e.source === f?.id && e.target === d?.id)).toBe(true);
    const original = store.getState().nodes.find((n) => n.id === 'flatten');
    expect(f?.position.x).toBe((original?.position.x ?? 0) + 40);
  });

  it('tracks unsaved changes against the last save', () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    const dirty = () => store.getState().revision !== store.getState().savedRevision;
    expect(dirty()).toBe(false);
    store.getState().setModelName('renamed');
    expect(dirty()).toBe(true);
    store.getState().markSaved('renamed.layerwise.json');
    expect(dirty()).toBe(false);
  });

  it('round-trips a template through the canvas losslessly', () => {
    const cnn = templateModel('mnist-cnn');
    const store = createEditorStore(cnn);
    // A template has no document id; the document made from it gets a fresh one.
    const { id, ...file } = store.getState().toModelFile();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(serializeModelFile(file)).toBe(serializeModelFile(cnn));
    expect(createEditorStore(cnn).getState().docId).not.toBe(id);
  });

  it('auto layout places every node below the one feeding it', () => {
    const store = createEditorStore(templateModel('mnist-cnn'));
    store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
    store.getState().layout();
    const y = new Map(store.getState().nodes.map((n) => [n.id, n.position.y]));
    for (const e of store.getState().edges)
      expect(y.get(e.target)).toBeGreaterThan(y.get(e.source) as number);
  });
});

const NODE = { width: 220, height: 84 };
const overlapping = (store: ReturnType<typeof blank>) => {
  const nodes = store.getState().nodes;
  return nodes.flatMap((a, i) =>
    nodes
      .slice(i + 1)
      .filter(
        (b) =>
          Math.abs(a.position.x - b.position.x) < NODE.width &&
          Math.abs(a.position.y - b.position.y) < NODE.height,
      )
      .map((b) => `${a.id}/${b.id}`),
  );
};
const edgeIds = (store: ReturnType<typeof blank>) => store.getState().edges.map((e) => e.id);

describe('inserting layers', () => {
  it('inserts after the selected layer into its chain, pushing the rows below down, as one undo step', () => {
    const store = createEditorStore(templateModel('mnist-cnn'));
    select(store, 'conv1');
    const before = edgeIds(store);
    const drop = store.getState().addLayer('Dropout', undefined, { connectAfterSelection: true });
    expect(edgeIds(store)).toContain(`conv1->${drop}`);
    expect(edgeIds(store)).toContain(`${drop}->pool1`);
    expect(edgeIds(store)).not.toContain('conv1->pool1');
    expect(store.getState().analysis.issues).toEqual([]);
    expect(overlapping(store)).toEqual([]);
    expect(store.getState().focusRequest?.nodeId).toBe(drop);
    store.getState().undo();
    expect(edgeIds(store)).toEqual(before);
    expect(store.getState().nodes.find((n) => n.id === 'pool1')?.position.y).toBe(264);
  });

  it('never puts a layer on top of another: a taken spot (quick add at the cursor, or none) moves down', () => {
    const store = blank();
    const at = store.getState().nodes[0]?.position ?? { x: 0, y: 0 };
    store.getState().addLayer('Dense', at);
    store.getState().addLayer('Dense', at);
    store.getState().addLayer('Flatten');
    store.getState().addLayer('Flatten');
    expect(store.getState().nodes).toHaveLength(5);
    expect(overlapping(store)).toEqual([]);
  });

  it('appends without breaking the chain when the new layer cannot sit in it', () => {
    const store = createEditorStore(templateModel('mnist-cnn'));
    select(store, 'flatten');
    // A Conv2D cannot take Flatten's (784) output, so flatten -> dense stays and nothing is connected.
    const conv = store.getState().addLayer('Conv2D', undefined, { connectAfterSelection: true });
    expect(edgeIds(store)).toContain('flatten->dense');
    expect(store.getState().edges.some((e) => e.target === conv)).toBe(false);
    expect(overlapping(store)).toEqual([]);
  });

  it('appends after a layer with no outgoing edge and makes room only when needed', () => {
    const store = blank();
    select(store, 'input');
    const flatten = store.getState().addLayer('Flatten', undefined, { connectAfterSelection: true });
    expect(edgeIds(store)).toEqual([`input->${flatten}`]);
    expect(store.getState().nodes.find((n) => n.id === 'input')?.position).toEqual({ x: 0, y: 0 });
  });

  it('inserts a layer onto an edge: source -> new -> target, one undo step', () => {
    const store = createEditorStore(templateModel('mnist-cnn'));
    const norm = store.getState().insertOnEdge('BatchNormalization', 'pool1', 'conv2');
    expect(edgeIds(store)).toEqual(expect.arrayContaining([`pool1->${norm}`, `${norm}->conv2`]));
    expect(edgeIds(store)).not.toContain('pool1->conv2');
    expect(overlapping(store)).toEqual([]);
    store.getState().undo();
    expect(store.getState().nodes.some((n) => n.id === norm)).toBe(false);
    expect(edgeIds(store)).toContain('pool1->conv2');
  });

  it('leaves a layer that does not fit the edge loose and the edge as it was', () => {
    const store = createEditorStore(templateModel('mnist-cnn'));
    const conv = store.getState().insertOnEdge('Conv2D', 'flatten', 'dense');
    expect(edgeIds(store)).toContain('flatten->dense');
    expect(store.getState().edges.some((e) => e.source === conv || e.target === conv)).toBe(false);
  });

  it("applies a refused connection's fix as one undo step", () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    const conv = store.getState().addLayer('Conv2D', { x: 400, y: 0 });
    const verdict = store.getState().connect('flatten', conv);
    expect(verdict.ok).toBe(false);
    const fix = store.getState().notice?.fixes?.fixes[0];
    expect(fix).toMatchObject({ type: 'Reshape', params: { target_shape: [28, 28, 1] } });
    const steps = store.getState().history.past.length;
    const reshape = store.getState().applyFix('flatten', conv, fix as NonNullable<typeof fix>);
    expect(store.getState().history.past).toHaveLength(steps + 1);
    expect(edgeIds(store)).toEqual(expect.arrayContaining([`flatten->${reshape}`, `${reshape}->${conv}`]));
    expect(shapeOf(store, conv)).toEqual([26, 26, 32]);
    expect(store.getState().notice).toBeNull();
    // Drawn to a layer off to the side, the fix lands in the free row just above it.
    expect(store.getState().nodes.find((n) => n.id === reshape)?.position).toEqual({ x: 400, y: -110 });
    expect(overlapping(store)).toEqual([]);
    store.getState().undo();
    expect(store.getState().nodes.some((n) => n.id === reshape)).toBe(false);
    expect(store.getState().edges.some((e) => e.target === conv)).toBe(false);
  });

  it('tells loose layers apart from wired ones', () => {
    const store = blank();
    const dense = store.getState().addLayer('Dense', { x: 300, y: 0 });
    expect(store.getState().connectivity.notConnected).toEqual([dense]);
    store.getState().connect('input', dense);
    expect(store.getState().connectivity.notConnected).toEqual([]);
  });

  it('keeps a graph edit and an external edit as one undo step each, in order, with redo', () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    const graph = graphFromFlow(store.getState().nodes, store.getState().edges);
    const withDropout = {
      nodes: [...graph.nodes, { id: 'drop', type: 'Dropout', position: { x: 0, y: 500 } }],
      edges: [
        ...graph.edges.filter((e) => e.source !== 'dense'),
        { source: 'dense', target: 'drop' },
        { source: 'drop', target: 'output' },
      ],
    };
    store.getState().applyGraphEdit(withDropout, ['drop']);
    expect(
      store
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['drop']);
    expect(store.getState().focusRequest?.nodeId).toBe('drop');
    let rate = 1;
    store.getState().applyExternalEdit({ undo: () => (rate = 1), redo: () => (rate = 0.5) });
    expect(rate).toBe(0.5);
    const ids = () => store.getState().nodes.map((n) => n.id);
    store.getState().undo();
    expect([rate, ids().length]).toEqual([1, 5]);
    store.getState().undo();
    expect([rate, ids().length]).toEqual([1, 4]);
    store.getState().redo();
    store.getState().redo();
    expect([rate, ids().length]).toEqual([0.5, 5]);
    store.getState().undo();
    expect(rate).toBe(1);
  });
});
