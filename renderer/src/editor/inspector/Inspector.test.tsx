// @vitest-environment jsdom
import '../../i18n';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { templateModel } from '../../files/templates';
import { EditorProvider } from '../EditorContext';
import { createEditorStore } from '../editor-store';
import { Inspector } from './Inspector';

function renderWithSelected(id: string | null) {
  const store = createEditorStore(templateModel('mnist-cnn'));
  if (id !== null)
    store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, selected: n.id === id })) });
  render(
    <EditorProvider store={store}>
      <Inspector />
    </EditorProvider>,
  );
  return store;
}

afterEach(cleanup);

describe('Inspector', () => {
  it('edits a Dense layer: the shape and parameter count follow the new units', () => {
    const store = renderWithSelected('dense');
    const units = screen.getByLabelText('units');
    fireEvent.change(units, { target: { value: '64' } });
    expect(store.getState().analysis.byId.get('dense')?.outputShape).toEqual([64]);
    // 3×3×64 = 576 features in, 64 units out: 576 × 64 + 64.
    expect(screen.getByRole('region', { name: 'Inspector' }).textContent).toMatch(
      /\(None, 64\) · 36,928 params/,
    );
  });

  it('shows the registry message under a field with an invalid value and keeps what was typed', () => {
    const store = renderWithSelected('dense');
    const units = screen.getByLabelText('units') as HTMLInputElement;
    fireEvent.change(units, { target: { value: '0' } });
    expect(units.value).toBe('0');
    expect(units.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/units must be a whole number from 1/);
    expect(store.getState().analysis.issues[0]?.where).toMatchObject({ nodeId: 'dense', field: 'units' });
  });

  it('uses a select for choices and a checkbox for booleans', () => {
    const store = renderWithSelected('dense');
    fireEvent.change(screen.getByLabelText('activation'), { target: { value: 'tanh' } });
    fireEvent.click(screen.getByLabelText('use_bias'));
    expect(store.getState().nodes.find((n) => n.id === 'dense')?.data.params).toMatchObject({
      activation: 'tanh',
      use_bias: false,
    });
  });

  it('edits the model name when nothing is selected', () => {
    const store = renderWithSelected(null);
    fireEvent.change(screen.getByLabelText('Model name'), { target: { value: 'digits' } });
    expect(store.getState().modelName).toBe('digits');
  });
});
