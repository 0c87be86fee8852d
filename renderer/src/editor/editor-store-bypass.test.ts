// Ctrl+B's store action: bypassing layers and restoring them is one undo step each, the analysis sees
// the bypass (fewer params, the passed-through shape), and a refused bypass only shows why.
import { describe, expect, it } from 'vitest';
import { templateModel } from '../files/templates';
import { createEditorStore } from './editor-store';

const cnn = () => createEditorStore(templateModel('mnist-cnn'));
const total = (store: ReturnType<typeof cnn>) =>
  store.getState().analysis.nodes.reduce((sum, n) => sum + n.trainableParams + n.nonTrainableParams, 0);
const bypassedIds = (store: ReturnType<typeof cnn>) =>
  store
    .getState()
    .nodes.filter((n) => n.data.bypassed)
    .map((n) => n.id);

describe('toggleBypass', () => {
  it('bypasses layers in one undo step, and restores them when all are bypassed', () => {
    const store = cnn();
    const before = total(store);
    store.getState().toggleBypass(['conv3']);
    expect(bypassedIds(store)).toEqual(['conv3']);
    expect(store.getState().analysis.byId.get('conv3')?.outputShape).toEqual([5, 5, 64]);
    // conv3's 36,928 params go; dense now reads 5·5·64 values instead of 3·3·64.
    expect(total(store)).toBe(before - 36_928 + (1600 - 576) * 64);
    expect(store.getState().history.past).toHaveLength(1);

    store.getState().toggleBypass(['conv3']);
    expect(bypassedIds(store)).toEqual([]);
    expect(total(store)).toBe(before);

    store.getState().undo();
    expect(bypassedIds(store)).toEqual(['conv3']);
    store.getState().undo();
    expect(bypassedIds(store)).toEqual([]);
    store.getState().redo();
    expect(bypassedIds(store)).toEqual(['conv3']);
  });

  it('bypasses a mixed selection (some bypassed already) rather than restoring it', () => {
    const store = cnn();
    store.getState().toggleBypass(['conv3']);
    store.getState().toggleBypass(['conv3', 'pool2']);
    expect(bypassedIds(store)).toEqual(['pool2', 'conv3']);
    expect(store.getState().analysis.issues).toEqual([]);
  });

  it('refuses a bypass that changes the output, with the reason as a notice, changing nothing', () => {
    const store = cnn();
    const revision = store.getState().revision;
    store.getState().toggleBypass(['output']);
    expect(bypassedIds(store)).toEqual([]);
    expect(store.getState().revision).toBe(revision);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: "Bypassing dense_1 would change the model's output from (None, 10) to (None, 64)",
      messageId: 'bypass.output',
    });
  });

  it('keeps bypassed layers through save and open', () => {
    const store = cnn();
    store.getState().toggleBypass(['conv3']);
    const reopened = createEditorStore(store.getState().toModelFile());
    expect(bypassedIds(reopened)).toEqual(['conv3']);
    expect(
      reopened
        .getState()
        .toModelFile()
        .graph.nodes.find((n) => n.id === 'conv3')?.bypassed,
    ).toBe(true);
  });
});
