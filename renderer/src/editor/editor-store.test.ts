import { describe, expect, it } from 'vitest';
import { serializeModelFile } from '../../../engine';
import { templateModel } from '../files/templates';
import { createEditorStore } from './editor-store';

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
