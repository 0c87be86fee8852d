// The app loads in the browser: no errors, the MNIST CNN template on the canvas, the API connected.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';
import { template } from './support/templates';

const ctx = useApp();
const cnn = template('mnist-cnn');

describe('app loads', () => {
  it('shows the connected status', async () => {
    const { app } = ctx;
    await app.open();
    expect(await app.waitForConnected()).toMatch(/Connected/);
  });

  it('starts with the MNIST CNN template, readable, its input in view; Fit view keeps it readable', async () => {
    const { app, page } = { app: ctx.app, page: ctx.opened.page };
    await app.open();
    const count = await poll(
      () => app.nodeCount(),
      (n) => n === cnn.graph.nodes.length,
      `all ${cnn.graph.nodes.length} MNIST CNN template nodes on the canvas`,
    );
    expect(count).toBe(cnn.graph.nodes.length);
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    const inside = (box: { x: number; y: number; width: number; height: number }) =>
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= viewport.width &&
      box.y + box.height <= viewport.height;
    // A tall model opens at a readable zoom (nodes 220 px wide at zoom 1) with its input at the top.
    const input = await app.box(app.node('input'), 'the input node');
    expect(inside(input), 'the input node starts inside the viewport').toBe(true);
    expect(input.width, 'nodes are drawn at a readable size').toBeGreaterThanOrEqual(0.7 * 220 - 1);
    // Fit view stays readable (titles about 10 px: nodes at least 10/12 of their 220 px): the CNN is
    // too tall for that, so it shows the start, the input, and the user scrolls on from there.
    await app.fitView();
    await poll(
      async () => {
        const box = await app.box(app.node('input'), 'the input node');
        return inside(box) && box.width >= (10 / 12) * 220 - 1;
      },
      (ok) => ok,
      'the input node inside the viewport at a readable zoom after Fit view',
    );
    await poll(
      () => app.edges().count(),
      (n) => n === cnn.graph.edges.length,
      'the template edges',
    );
    const summary = await app.showSummary();
    expect(await summary.textContent()).toMatch(/params/i);
  });
});
