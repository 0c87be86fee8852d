// @vitest-environment jsdom
// The augmentation layers' params in the generic inspector: a factor takes one number or a
// [lower, upper] pair as text, RandomZoom's width_factor shows "auto" when empty, and a seed clears to null.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelFile } from '../../../../engine';
import '../../i18n';
import { EditorProvider } from '../EditorContext';
import { createEditorStore } from '../editor-store';
import { Inspector } from './Inspector';

const model: ModelFile = {
  format: 'layerwise-model',
  version: 2,
  name: 'augmented',
  graph: {
    nodes: [
      { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] } },
      { id: 'zoom', type: 'RandomZoom', params: { seed: 4 } },
    ],
    edges: [{ source: 'in', target: 'zoom' }],
  },
};

function renderZoom() {
  const store = createEditorStore(model);
  store.setState({ nodes: store.getState().nodes.map((n) => ({ ...n, selected: n.id === 'zoom' })) });
  render(
    <EditorProvider store={store}>
      <Inspector />
    </EditorProvider>,
  );
  const params = () => store.getState().nodes.find((n) => n.id === 'zoom')?.data.params;
  return { store, params };
}

afterEach(cleanup);

describe('augmentation params in the inspector', () => {
  it('reads a factor as one number or a [lower, upper] pair', () => {
    const { store, params } = renderZoom();
    fireEvent.change(screen.getByLabelText('height_factor'), { target: { value: '-0.1, 0.3' } });
    expect(params()).toMatchObject({ height_factor: [-0.1, 0.3] });
    fireEvent.change(screen.getByLabelText('height_factor'), { target: { value: '0.25' } });
    expect(store.getState().analysis.issues).toEqual([]);
    fireEvent.change(screen.getByLabelText('height_factor'), { target: { value: '0.3, -0.1' } });
    expect(screen.getByRole('alert').textContent).toMatch(
      /height_factor must be a number from -1 to 1 or a pair \[lower, upper\] of them with lower ≤ upper/,
    );
  });

  it('leaves width_factor on auto (null) when empty, and a seed clears to the training seed', () => {
    const { params } = renderZoom();
    const width = screen.getByLabelText('width_factor') as HTMLInputElement;
    expect(width.placeholder).toBe('auto');
    fireEvent.change(width, { target: { value: '0.2' } });
    expect(params()).toMatchObject({ width_factor: [0.2] });
    fireEvent.change(width, { target: { value: '' } });
    expect(params()).toMatchObject({ width_factor: null });
    fireEvent.change(screen.getByLabelText('seed'), { target: { value: '' } });
    expect(params()).not.toHaveProperty('seed');
  });
});
