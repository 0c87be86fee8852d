// Designing a model by hand: palette drag and drop, wiring handles, editing a parameter in the
// inspector, shapes and parameter counts on the nodes, undo and redo.
import { describe, expect, it } from 'vitest';
import { useApp } from './support/setup';

const ctx = useApp();

describe('design', () => {
  it('builds Input → Flatten → Dense → Dense from the palette and edits units with undo/redo', async () => {
    const { app } = ctx;
    await app.open();
    await app.newModel('Blank');
    await app.visible(app.palette(), 'the Layer palette region');
    const pane = await app.box(app.pane(), 'the canvas pane');
    const at = (fx: number, fy: number) => ({ x: pane.width * fx, y: pane.height * fy });

    const blankNodes = await app.nodeIds(); // this UI's Blank keeps one InputLayer
    const input = await app.dragLayerToCanvas('InputLayer', at(0.3, 0.15));
    for (const id of blankNodes) await app.deleteNode(app.node(id));
    const flatten = await app.dragLayerToCanvas('Flatten', at(0.55, 0.35));
    const hidden = await app.dragLayerToCanvas('Dense', at(0.3, 0.55));
    const output = await app.dragLayerToCanvas('Dense', at(0.55, 0.78));
    expect(await app.nodeCount()).toBe(4);

    await app.connect(input, flatten);
    await app.connect(flatten, hidden);
    await app.connect(hidden, output);
    expect(await app.edges().count()).toBe(3);
    await app.waitForNodeText(flatten, 'node-shape', /\(None, 784\)/);

    await app.selectNode(hidden);
    await app.setInspectorField('units', 128);
    await app.waitForNodeText(hidden, 'node-shape', /\(None, 128\)/);
    await app.waitForNodeText(hidden, 'node-params', /100,480 params/);

    await app.selectNode(output);
    await app.setInspectorField('units', 10);
    await app.waitForNodeText(output, 'node-shape', /\(None, 10\)/);
    await app.waitForNodeText(output, 'node-params', /1,290 params/);

    await app.undo();
    await app.waitForNodeText(output, 'node-shape', /\(None, 64\)/); // Dense's default units
    await app.waitForNodeText(output, 'node-params', /8,256 params/);
    await app.redo();
    await app.waitForNodeText(output, 'node-shape', /\(None, 10\)/);
    await app.waitForNodeText(output, 'node-params', /1,290 params/);
  });
});
