// @vitest-environment jsdom
import { i18next } from '../../i18n';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
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

afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

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

  it('shows validation messages, the layer description and parameter help in Chinese', async () => {
    const store = renderWithSelected('dense');
    await act(() => i18next.changeLanguage('zh'));
    const inspector = screen.getByRole('region', { name: '属性' });
    expect(inspector.textContent).toContain('全连接层：每个输出单元都与每个输入特征相连。');
    expect(inspector.textContent).toContain('输出单元的数量。');
    expect(screen.getByRole('option', { name: 'relu（修正线性单元）' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('units'), { target: { value: '0' } });
    expect(screen.getByRole('alert').textContent).toBe('dense 的 units 必须是 1 到 65536 之间的整数');

    // Cut the Dense layer off its input: a node message (said calmly: the layer is only not wired in).
    const cut = store.getState().edges.filter((e) => e.target === 'dense');
    act(() => store.getState().onEdgesChange(cut.map((e) => ({ type: 'remove' as const, id: e.id }))));
    expect(screen.getByTestId('calm-issue').textContent).toBe('dense 没有输入：请把一个图层连接到它');

    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByTestId('calm-issue').textContent).toBe('dense has no input: connect a layer to it');
  });
});
