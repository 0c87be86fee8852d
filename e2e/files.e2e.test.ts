// Files: Save downloads a model file, autosave survives a reload, Open loads a template file.
import { describe, expect, it } from 'vitest';
import type { AppPage } from './support/app-page';
import { waitForAutosave } from './support/autosave';
import { poll } from './support/poll';
import { useApp } from './support/setup';
import { template } from './support/templates';

const ctx = useApp();
const cnn = template('mnist-cnn');
const mlp = template('mnist-mlp');
const lenet = template('lenet5');

const waitForTitle = (app: AppPage, name: string, when: string) =>
  poll(
    async () => (await app.documentTitle().textContent()) ?? '',
    (title) => title.includes(name),
    `the document title to show ${name} ${when}`,
  );

describe('files', () => {
  it('Save downloads a layerwise-model JSON with the graph on the canvas', async () => {
    const { app } = ctx;
    await app.open();
    await waitForTitle(app, cnn.name, 'on start');
    const { filename, text } = await app.save();
    expect(filename).toMatch(/\.json$/);
    const model = JSON.parse(text) as { format: string; graph: { nodes: { id: string }[] } };
    expect(model.format).toBe('layerwise-model');
    expect(model.graph.nodes.map((n) => n.id)).toEqual(cnn.graph.nodes.map((n) => n.id));
  });

  it('restores the graph from autosave after a reload', async () => {
    const { app, page } = { app: ctx.app, page: ctx.opened.page };
    await app.open();
    await app.newModel('MNIST MLP');
    expect(await app.fitView()).toBe(mlp.graph.nodes.length);
    const titles = (await app.nodeTitles()).sort();
    // Autosave runs every 2 s: wait until it holds the new model.
    await waitForAutosave(page, (text) => text.includes(mlp.name), mlp.name);
    await page.reload();
    await waitForTitle(app, mlp.name, 'after the reload');
    expect(await app.fitView()).toBe(mlp.graph.nodes.length);
    expect((await app.nodeTitles()).sort()).toEqual(titles);
  });

  it('Open loads a template file through the file input', async () => {
    const { app } = ctx;
    await app.open();
    await waitForTitle(app, cnn.name, 'on start');
    await app.openModelFile(lenet.path);
    await waitForTitle(app, lenet.name, 'after Open');
    expect(await app.fitView()).toBe(lenet.graph.nodes.length);
    for (const { id } of lenet.graph.nodes) await app.visible(app.node(id), `LeNet-5 node ${id}`);
  });
});
