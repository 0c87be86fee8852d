// A document never loses what was trained (issue 12, section 1), as a user meets it: train, Save,
// reload the page, Open the saved file — the results, the gallery's predictions and the exported
// weights are exactly those from before; a reload alone keeps the settings and the full curves; a new
// document shows no runs of the previous one.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppPage } from './support/app-page';
import { waitForAutosave } from './support/autosave';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

async function exportJsonWithWeights(page: Page): Promise<{ weights: { tensors: unknown[] } }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Model JSON with trained weights' }).click(),
  ]);
  return JSON.parse(readFileSync((await (download as Download).path()) as string, 'utf8'));
}

/** The gallery's captions ("7 → 7 (98%)"), once every image has its prediction. */
async function galleryCaptions(app: AppPage): Promise<string[]> {
  await app.showTab('Results');
  const captions = app.page.locator('.training-gallery__caption');
  return poll(
    async () => captions.allTextContents(),
    (texts) => texts.length === 24 && texts.every((t) => /%/.test(t)),
    'the gallery to show 24 predictions',
    { timeoutMs: 30_000 },
  );
}

async function trainMlp(app: AppPage, epochs: number): Promise<string> {
  await app.open();
  await app.waitForConnected();
  await app.newModel('MNIST MLP');
  await app.setTraining({ epochs, limit: 2000 });
  await app.train();
  return app.waitForTestAccuracy();
}

describe('documents keep their training', () => {
  it('train → Save → reload → Open gives the same results, predictions and exported weights', async () => {
    const { app } = ctx;
    const page = app.page;
    const accuracy = await trainMlp(app, 1);
    const captions = await galleryCaptions(app);
    const exported = await exportJsonWithWeights(page);
    const saved = await app.save();
    const file = JSON.parse(saved.text);
    expect(saved.filename).toBe('mnist_mlp.layerwise.json');
    expect(file.version).toBe(2);
    expect(file.runs).toHaveLength(1);
    expect(file.weights.run).toBe(file.runs[0].id);
    expect(file.weights.tensors).toEqual(exported.weights.tensors);

    await page.reload();
    await app.waitForConnected();
    await app.newModel('Blank'); // away from the document, so Open has to bring everything back
    await app.openModelFile(writeTemp(saved.filename, saved.text));
    await poll(
      async () => (await app.documentTitle().textContent()) ?? '',
      (title) => title.includes('mnist_mlp'),
      'the reopened document',
    );
    expect(await app.waitForTestAccuracy()).toBe(accuracy);
    expect(await galleryCaptions(app)).toEqual(captions);
    expect((await exportJsonWithWeights(page)).weights.tensors).toEqual(exported.weights.tensors);
  });

  it('a reload keeps the settings, the full batch curve, the results and the weights', async () => {
    const { app } = ctx;
    const page = app.page;
    const accuracy = await trainMlp(app, 2);
    const points = await app.chartPoints('chart-batch-loss');
    expect(points).toBeGreaterThan(2);
    await waitForAutosave(page, (text) => text.includes('"state": "completed"'), 'the completed run');
    await page.reload();
    await app.waitForConnected();
    await poll(
      () => page.getByLabel('Epochs', { exact: true }).inputValue(),
      (v) => v === '2',
      'Epochs to stay 2 after the reload',
    );
    expect(await app.chartPoints('chart-batch-loss')).toBe(points);
    expect(await app.waitForTestAccuracy()).toBe(accuracy);
    await galleryCaptions(app);
    expect((await exportJsonWithWeights(page)).weights.tensors.length).toBe(4);
  });

  it("keeps each run's weights: the run on show is the one Save and Export use", async () => {
    const { app } = ctx;
    const page = app.page;
    await trainMlp(app, 1);
    const first = (await exportJsonWithWeights(page)).weights.tensors;
    await app.setTraining({ limit: 1000 });
    await app.train();
    await poll(
      async () => {
        await app.showTab('Runs'); // the dashboard turns to Results when a run completes
        return page.locator('tr', { hasText: 'Run 2' }).textContent({ timeout: 2000 });
      },
      (text) => text?.includes('Kept') === true,
      'Run 2 to finish with its weights kept',
      { timeoutMs: 60_000 },
    );
    expect((await exportJsonWithWeights(page)).weights.tensors).not.toEqual(first);
    await app.showTab('Runs');
    await app.click(page.getByRole('button', { name: 'Show Run 1' }), 'Show Run 1');
    expect((await exportJsonWithWeights(page)).weights.tensors).toEqual(first);
    const saved = JSON.parse((await app.save()).text);
    expect(saved.runs.map((r: { label: string }) => r.label)).toEqual(['Run 1', 'Run 2']);
    expect(saved.weights.run).toBe(saved.runs[0].id);
  });

  it('a reload during training shows the run still going, with its curve, and Stop stops it', async () => {
    const { app } = ctx;
    const page = app.page;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 30, threads: 1 });
    await app.train();
    await app.waitForChartPoints('chart-batch-loss', 5);
    await waitForAutosave(page, (text) => text.includes('"state": "running"'), 'the running run');
    await page.reload();
    await app.waitForConnected();
    await app.openDock();
    await poll(
      () => app.button('Stop').isEnabled(),
      Boolean,
      'Stop to be enabled for the run still training',
    );
    expect(await app.chartPoints('chart-batch-loss')).toBeGreaterThan(1);
    await app.click(app.button('Stop'), 'Stop');
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again once stopped');
  });

  it('New → Blank shows no runs, and exporting with weights is not offered', async () => {
    const { app } = ctx;
    const page = app.page;
    await trainMlp(app, 1);
    await app.newModel('Blank');
    await app.showTab('Runs');
    await app.visible(page.getByText('No runs of this document yet.'), 'the empty Runs tab');
    await app.showTab('Results');
    expect(await page.getByTestId('test-accuracy').count()).toBe(0);
    await page.getByRole('button', { name: 'Export' }).click();
    expect(await page.getByRole('menuitem', { name: 'Model JSON with trained weights' }).isDisabled()).toBe(
      true,
    );
  });
});

/** A downloaded file's text written where the file input can pick it. */
function writeTemp(name: string, text: string): string {
  const path = `${mkdtempSync(`${tmpdir()}/layerwise-e2e-`)}/${name}`;
  writeFileSync(path, text);
  return path;
}
