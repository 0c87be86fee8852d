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
    // Fit view stays readable (node titles about 10 px on screen): the CNN is too tall for that, so
    // it shows the start, the input, and the user scrolls on from there.
    await app.fitView();
    const titlePx = (): Promise<number> =>
      app
        .node('input')
        .getByTestId('node-title')
        .evaluate((el) => {
          // Typed by hand: this side is type-checked without the DOM library.
          const node = el as unknown as { offsetHeight: number; getBoundingClientRect(): { height: number } };
          const page = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
          const cssPx = parseFloat(page.getComputedStyle(el).fontSize);
          return (cssPx * node.getBoundingClientRect().height) / node.offsetHeight;
        });
    await poll(
      async () => inside(await app.box(app.node('input'), 'the input node')) && (await titlePx()) >= 9.9,
      (ok) => ok,
      'the input node inside the viewport with its title at least 10 px on screen after Fit view',
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
