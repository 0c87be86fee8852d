// Wiring without noise: quick add (Space or a double-click on empty canvas), dropping a palette layer
// onto an edge, the one-click fixes a refused connection offers, the calm hint for layers that are not
// connected yet, "Connect to…" from the keyboard, edges named by layer names, and nodes before edges
// in Tab order with a visible focus ring.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppPage } from './support/app-page';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();
const dir = mkdtempSync(join(tmpdir(), 'layerwise-wiring-'));

type Layer = readonly [id: string, type: string, params?: Record<string, unknown>];

/** Opens a model with the given layers one row apart, wired by "a->b" edges. */
async function openModel(app: AppPage, name: string, layers: readonly Layer[], edges: readonly string[]) {
  const path = join(dir, `${name}.json`);
  const model = {
    format: 'layerwise-model',
    version: 1,
    name,
    graph: {
      nodes: layers.map(([id, type, params], i) => ({
        id,
        type,
        ...(params ? { params } : {}),
        position: { x: (i % 2) * 320, y: i * 130 },
      })),
      edges: edges.map((e) => ({ source: e.split('->')[0], target: e.split('->')[1] })),
    },
  };
  writeFileSync(path, JSON.stringify(model));
  await app.open();
  await app.openModelFile(path);
  await poll(
    async () => (await app.documentTitle().textContent()) ?? '',
    (title) => title.includes(name),
    `the document title to show ${name}`,
  );
  await poll(
    () => app.nodeCount(),
    (n) => n === layers.length,
    `${layers.length} layers on the canvas`,
  );
}

const INPUT: Layer = ['input', 'InputLayer', { shape: [28, 28, 1] }];

/** Refuses a connection by dragging, clicks the offered fix, and checks it is one undo step. */
async function applyFix(app: AppPage, source: string, target: string, button: string) {
  const edgesBefore = await app.edges().count();
  await app.dragBetweenHandles(app.node(source), app.node(target));
  await app.visible(app.notice(), 'the notice of the refused connection');
  const fix = app.notice().getByRole('button', { name: button, exact: true });
  await app.click(fix, `the fix button "${button}"`);
  await poll(
    () => app.edges().count(),
    (n) => n === edgesBefore + 2,
    'two new edges: source → fix → target',
  );
  expect(await app.notice().count(), 'the notice closes once fixed').toBe(0);
  return edgesBefore;
}

describe('wiring', () => {
  it('Space + "conv" + Enter adds a Conv2D connected after the selected layer', async () => {
    const { app } = ctx;
    await openModel(app, 'space-add', [INPUT], []);
    await app.node('input_layer').getByTestId('node-title').click();
    await app.page.keyboard.press('Space');
    await app.visible(app.quickAdd(), 'the quick-add box after Space');
    await app.page.keyboard.type('conv');
    await app.page.keyboard.press('Enter');
    await app.waitForEdgeLabel('Edge from input_layer to conv2d');
    await app.waitForNodeText(app.node('conv2d'), 'node-shape', /\(None, 26, 26, 32\)/);
    expect(await app.quickAdd().count(), 'the box closes after adding').toBe(0);
  });

  it('New → Blank takes the keyboard: Space + "conv 64 relu" + Enter adds Conv2D(64, relu) after the input', async () => {
    const { app } = ctx;
    await app.open();
    await app.newModel('Blank');
    await app.page.keyboard.press('Space');
    await app.visible(app.quickAdd(), 'the quick-add box after Space, with no click first');
    await app.page.keyboard.type('conv 64 relu');
    await app.page.keyboard.press('Enter');
    await app.waitForEdgeLabel('Edge from input_layer to conv2d');
    await app.waitForNodeText(app.node('conv2d'), 'node-shape', /\(None, 26, 26, 64\)/);
    expect(await app.node('conv2d').textContent()).toContain('activation=relu');
    // Words that fit no parameter are left out, and the user is told.
    await app.page.keyboard.press('Space');
    await app.page.keyboard.type('flatten 7');
    await app.page.keyboard.press('Enter');
    await app.visible(app.notice().getByText('Flatten has no parameter for “7”: left out'), 'the notice');
    await app.page.keyboard.press('Control+z');
    await poll(
      () => app.nodes().count(),
      (n) => n === 2,
      'one Undo to remove the Flatten',
    );
    await app.page.keyboard.press('Control+z');
    await poll(
      () => app.nodes().count(),
      (n) => n === 1,
      'one Undo to remove the Conv2D with its values',
    );
  });

  it('scrolls a layer added out of sight into view', async () => {
    const { app } = ctx;
    await openModel(app, 'far-away', [INPUT], []);
    // Move the only layer far from the origin, where a layer added with nothing selected lands.
    await app.selectNode(app.node('input_layer'));
    const node = await app.box(app.node('input_layer'), 'the InputLayer node');
    await app.page.mouse.move(node.x + 40, node.y + 10);
    await app.page.mouse.down();
    await app.page.mouse.move(node.x + 40 + 400, node.y + 10 + 300, { steps: 10 });
    await app.page.mouse.up();
    await app.fitView();
    await app.page.keyboard.press('Control+0');
    const pane = await app.box(app.pane(), 'the canvas pane');
    await app.page.mouse.click(pane.x + 5, pane.y + pane.height - 5); // nothing selected
    await app.page.getByTestId('palette-item-Dense').dblclick();
    const added = app.node('dense');
    await poll(
      async () => {
        const box = await added.boundingBox();
        return (
          box !== null &&
          box.x >= pane.x &&
          box.y >= pane.y &&
          box.x + box.width <= pane.x + pane.width &&
          box.y + box.height <= pane.y + pane.height
        );
      },
      Boolean,
      'the new Dense layer to be scrolled into the visible canvas',
    );
  });

  it('a double-click on empty canvas opens quick add at the cursor; Escape closes it', async () => {
    const { app } = ctx;
    await openModel(app, 'dblclick-add', [INPUT], []);
    const pane = await app.box(app.pane(), 'the canvas pane');
    const at = { x: pane.x + pane.width * 0.55, y: pane.y + pane.height * 0.2 };
    await app.page.mouse.dblclick(at.x, at.y);
    const box = await app.box(app.quickAdd(), 'the quick-add box after a double-click');
    expect(Math.abs(box.x - at.x), 'box left edge at the cursor').toBeLessThanOrEqual(2);
    expect(Math.abs(box.y - at.y), 'box top edge at the cursor').toBeLessThanOrEqual(2);
    await app.page.keyboard.press('Escape');
    await poll(
      () => app.quickAdd().count(),
      (n) => n === 0,
      'the quick-add box to close on Escape',
    );
    expect(await app.nodeCount()).toBe(1);
  });

  it('dropping a palette layer onto an edge inserts it into that edge', async () => {
    const { app } = ctx;
    await openModel(
      app,
      'edge-drop',
      [INPUT, ['conv', 'Conv2D'], ['pool', 'MaxPooling2D']],
      ['input->conv', 'conv->pool'],
    );
    const edge = app.page.getByRole('group', { name: 'Edge from conv2d to max_pooling2d', exact: true });
    const path = await app.box(edge.locator('.react-flow__edge-path'), 'the conv2d → max_pooling2d edge');
    const pane = await app.box(app.pane(), 'the canvas pane');
    await app.dragLayerToCanvas('BatchNormalization', {
      x: path.x + path.width / 2 - pane.x,
      y: path.y + path.height / 2 - pane.y,
    });
    await app.waitForEdgeLabel('Edge from conv2d to batch_normalization');
    await app.waitForEdgeLabel('Edge from batch_normalization to max_pooling2d');
    expect(await app.edgeLabels()).not.toContain('Edge from conv2d to max_pooling2d');
  });

  it('a Conv2D refused after a Flatten offers "Insert Reshape", one undo step', async () => {
    const { app } = ctx;
    await openModel(app, 'fix-reshape', [INPUT, ['flat', 'Flatten'], ['conv', 'Conv2D']], ['input->flat']);
    const edges = await applyFix(app, 'flatten', 'conv2d', 'Insert Reshape to (None, 28, 28, 1)');
    await app.waitForEdgeLabel('Edge from reshape to conv2d');
    await app.waitForNodeText(app.node('conv2d'), 'node-shape', /\(None, 26, 26, 32\)/);
    await app.undo();
    await poll(
      () => app.edges().count(),
      (n) => n === edges,
      'Undo to remove the fix in one step',
    );
    expect(await app.nodeCount()).toBe(3);
  });

  it('an Add with different channels offers a 1×1 Conv2D', async () => {
    const { app } = ctx;
    await openModel(
      app,
      'fix-conv',
      [INPUT, ['conv', 'Conv2D', { filters: 8, padding: 'same' }], ['add', 'Add']],
      ['input->conv', 'conv->add'],
    );
    await applyFix(app, 'input_layer', 'add', 'Insert 1×1 Conv2D (8 filters)');
    await app.waitForNodeText(app.node('add'), 'node-shape', /\(None, 28, 28, 8\)/);
    expect(await app.nodes().getByTestId('node-error').count(), 'no node has a problem').toBe(0);
  });

  it('an image refused by an Add of flat inputs offers "Insert Flatten"', async () => {
    const { app } = ctx;
    await openModel(
      app,
      'fix-flatten',
      [INPUT, ['flat', 'Flatten'], ['add', 'Add']],
      ['input->flat', 'flat->add'],
    );
    await applyFix(app, 'input_layer', 'add', 'Insert Flatten');
    await app.waitForNodeText(app.node('add'), 'node-shape', /\(None, 784\)/);
  });

  it('layers that are not connected give one calm hint, no red node; the hint selects them', async () => {
    const { app } = ctx;
    await openModel(
      app,
      'loose',
      [INPUT, ['flat', 'Flatten'], ['dense', 'Dense', { units: 10 }]],
      ['input->flat'],
    );
    const hint = await app.visible(app.notConnectedHint(), 'the not-connected hint');
    expect(((await hint.textContent()) ?? '').trim()).toBe('1 layer is not connected: dense');
    expect(await app.nodes().getByTestId('node-error').count(), 'no problem badge').toBe(0);
    await poll(() => app.trainButton().isDisabled(), Boolean, 'Train to be disabled');
    expect(await app.trainDisabledReason()).toContain('1 layer is not connected: dense');
    await hint.click();
    await poll(
      () =>
        app.page
          .locator('.react-flow__node.selected')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
      (ids) => ids.length === 1 && ids[0] === 'dense',
      'the hint to select the loose layer',
    );
    await app.connect(app.node('flatten'), app.node('dense'));
    await poll(
      () => app.notConnectedHint().count(),
      (n) => n === 0,
      'the hint to go once wired',
    );
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled');
  });

  it('Connect to… from the keyboard: C, type a name, Enter', async () => {
    const { app } = ctx;
    await openModel(app, 'connect-to', [INPUT, ['flat', 'Flatten']], []);
    await app.node('input_layer').getByTestId('node-title').click();
    await app.page.keyboard.press('c');
    await app.visible(app.connectPicker(), 'the Connect to… picker');
    await app.page.keyboard.type('flat');
    await app.page.keyboard.press('Enter');
    await app.waitForEdgeLabel('Edge from input_layer to flatten');
    await app.waitForNodeText(app.node('flatten'), 'node-shape', /\(None, 784\)/);
  });

  it('edges are named by layer names; Tab visits the layers before the edges, with a focus ring', async () => {
    const { app } = ctx;
    await openModel(app, 'tab-order', [INPUT, ['c', 'Conv2D'], ['f', 'Flatten']], ['input->c', 'c->f']);
    expect((await app.edgeLabels()).sort()).toEqual([
      'Edge from conv2d to flatten',
      'Edge from input_layer to conv2d',
    ]);
    // What has focus: a layer node (and its focus ring's outline style), an edge, or something else.
    const focused = () =>
      app.page.evaluate<{ kind: string; ring: string }>(`(() => {
        const el = document.activeElement;
        const kind = el?.classList.contains('react-flow__node') ? 'node'
          : el?.classList.contains('react-flow__edge') ? 'edge' : 'other';
        const ring = el?.querySelector('.layer-node');
        return { kind, ring: ring ? getComputedStyle(ring).outlineStyle : 'none' };
      })()`);
    // Tab in from the last palette item, before the canvas in the page; the panel's resize handle
    // comes between them.
    await app.palette().locator('[data-testid^="palette-item-"]').last().focus();
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate('document.activeElement.getAttribute("role")')).toBe('separator');
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      await app.page.keyboard.press('Tab');
      const { kind, ring } = await focused();
      seen.push(kind);
      if (kind === 'node') expect(ring, 'a keyboard-focused node shows a ring').toBe('solid');
    }
    expect(seen).toEqual(['node', 'node', 'node', 'edge', 'edge']);
    await app.page.keyboard.press('Shift+Tab');
    await app.page.keyboard.press('Shift+Tab');
    expect((await focused()).kind, 'Shift+Tab from the first edge goes back to the last layer').toBe('node');
  });
});
