// @vitest-environment jsdom
// Freezing layers in the editor: the store's setTrainable is one undo step for every layer it touches,
// the inspector's "Trainable" checkbox drives it (indeterminate for a mixed selection), and the node and
// summary show a frozen layer and count its params as non-trainable.
import { i18next } from '../i18n';
import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { templateModel } from '../files/templates';
import { LayerNode } from './canvas/LayerNode';
import { EditorProvider } from './EditorContext';
import { createEditorStore } from './editor-store';
import type { LayerFlowNode } from './flow-types';
import { Inspector } from './inspector/Inspector';
import { SummaryPanel } from './summary/SummaryPanel';

// mnist-cnn: conv1 320, conv2 18,496, conv3 36,928, dense 36,928, output 650 = 93,322 params.
function cnn(selected: readonly string[] = []) {
  const store = createEditorStore(templateModel('mnist-cnn'));
  store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, selected: selected.includes(n.id) })) });
  return store;
}

const frozenIds = (store: ReturnType<typeof cnn>) =>
  store
    .getState()
    .nodes.filter((n) => n.data.trainable === false)
    .map((n) => n.id);

afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

describe('setTrainable', () => {
  it('freezes several layers in one undo step and counts their params as non-trainable', () => {
    const store = cnn();
    store.getState().setTrainable(['conv1', 'dense'], false);
    expect(frozenIds(store)).toEqual(['conv1', 'dense']);
    const analysis = store.getState().analysis;
    expect(analysis.byId.get('conv1')?.nonTrainableParams).toBe(320);
    expect(analysis.byId.get('dense')?.trainableParams).toBe(0);
    expect(store.getState().revision).not.toBe(store.getState().savedRevision); // unsaved
    store.getState().undo();
    expect(frozenIds(store)).toEqual([]);
    store.getState().redo();
    store.getState().setTrainable(['dense'], true);
    expect(frozenIds(store)).toEqual(['conv1']);
    // Unfreezing removes the field: the file writes trainable only when false.
    expect('trainable' in (store.getState().nodes.find((n) => n.id === 'dense')?.data ?? {})).toBe(false);
  });

  it('records nothing when no layer changes', () => {
    const store = cnn();
    const before = store.getState().history;
    store.getState().setTrainable(['conv1'], true);
    expect(store.getState().history).toBe(before);
  });
});

function renderInspector(store: ReturnType<typeof cnn>) {
  render(
    <EditorProvider store={store}>
      <Inspector />
      <SummaryPanel />
    </EditorProvider>,
  );
}

describe('the Trainable checkbox', () => {
  it("freezes one layer with weights; the summary's totals follow", () => {
    const store = cnn(['dense']);
    renderInspector(store);
    const box = screen.getByRole('checkbox', { name: 'Trainable' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe("Freeze: keep this layer's weights as they are while training");
    fireEvent.click(box);
    expect(frozenIds(store)).toEqual(['dense']);
    expect((screen.getByRole('checkbox', { name: 'Trainable' }) as HTMLInputElement).checked).toBe(false);
    const totals = screen.getByRole('region', { name: 'Model summary' }).querySelector('.summary-totals');
    expect(totals?.textContent).toContain('Trainable params56,394');
    expect(totals?.textContent).toContain('Non-trainable params36,928');
    expect(screen.getAllByTitle('Frozen (trainable = False)')).toHaveLength(1);
  });

  it('is absent for a layer without weights', () => {
    renderInspector(cnn(['flatten']));
    expect(screen.queryByRole('checkbox', { name: 'Trainable' })).toBeNull();
  });

  it('stays for a frozen layer without weights, saying freezing it changes nothing', () => {
    const store = cnn(['flatten']);
    store.getState().setTrainable(['flatten'], false);
    renderInspector(store);
    const box = screen.getByRole('checkbox', { name: 'Trainable' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('This layer has no weights: freezing it changes nothing.');
    expect(store.getState().analysis.issues).toEqual([]);
    fireEvent.click(box);
    expect(frozenIds(store)).toEqual([]);
  });

  it('changes every selected layer with weights at once, indeterminate while they differ', () => {
    const store = cnn(['conv1', 'pool1', 'dense']);
    store.getState().setTrainable(['conv1'], false);
    renderInspector(store);
    const box = screen.getByRole('checkbox', { name: 'Trainable (2 layers)' }) as HTMLInputElement;
    expect(box.indeterminate).toBe(true);
    fireEvent.click(box);
    expect(frozenIds(store)).toEqual([]);
    fireEvent.click(box);
    expect(frozenIds(store)).toEqual(['conv1', 'dense']);
    act(() => store.getState().undo());
    expect(frozenIds(store)).toEqual([]);
  });

  it('speaks Chinese', async () => {
    await i18next.changeLanguage('zh');
    renderInspector(cnn(['dense']));
    expect((screen.getByRole('checkbox', { name: '可训练' }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('a frozen layer on the canvas', () => {
  it('wears the frozen badge and counts its params as non-trainable', () => {
    const store = cnn();
    store.getState().setTrainable(['dense'], false);
    const node = store.getState().nodes.find((n) => n.id === 'dense') as LayerFlowNode;
    const props = { id: node.id, data: node.data, selected: false } as NodeProps<LayerFlowNode>;
    render(
      <ReactFlowProvider>
        <EditorProvider store={store}>
          <LayerNode {...props} />
        </EditorProvider>
      </ReactFlowProvider>,
    );
    const badge = screen.getByTestId('node-frozen');
    expect(badge.getAttribute('title')).toBe('Frozen (trainable = False)');
    expect(badge.textContent).toContain('Frozen (trainable = False)');
    expect(screen.getByTestId('node-params').textContent).toBe('36,928 non-trainable params');
  });
});
