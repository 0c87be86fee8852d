// @vitest-environment jsdom
// The window title follows the document: its file (or model) name, and a dot while it has changes.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorProvider } from '../editor/EditorContext';
import { createEditorStore } from '../editor/editor-store';
import { templateModel } from '../files/templates';
import { useDocumentTitle } from './useDocumentTitle';

function Probe() {
  useDocumentTitle();
  return null;
}

afterEach(cleanup);

describe('useDocumentTitle', () => {
  it('names the model, then its file, and marks unsaved changes', () => {
    const store = createEditorStore(templateModel('mnist-mlp'));
    render(
      <EditorProvider store={store}>
        <Probe />
      </EditorProvider>,
    );
    expect(document.title).toBe('mnist_mlp — Layerwise');
    act(() => store.getState().setModelName('digits'));
    expect(document.title).toBe('• digits — Layerwise');
    act(() => store.getState().markSaved('digits.layerwise.json'));
    expect(document.title).toBe('digits.layerwise.json — Layerwise');
  });
});
