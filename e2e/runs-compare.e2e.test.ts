// Comparing runs: the MLP trained twice with a Dense's units and the learning rate changed between; the
// Runs table names the change, two ticked runs overlay their curves and ring the changed layer on the
// canvas, and the table and a chart export as CSV and as a real PNG.
import { describe, expect, it } from 'vitest';
import type { AppPage } from './support/app-page';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Waits for the run to complete and returns its row's cells as they were then. */
function waitForRun(app: AppPage, label: string): Promise<string[]> {
  return poll(
    async () => {
      await app.showTab('Runs'); // the dashboard turns to Results when a run completes
      return app.runCells(label);
    },
    (cells) => cells.includes('Completed'),
    `${label} to complete in the Runs table`,
    { timeoutMs: 90_000 },
  );
}

describe('comparing runs', () => {
  it('compares two runs of the MLP: the change, the overlay, the diff on the canvas, CSV and PNG', async () => {
    const { app } = ctx;
    const page = app.page;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 2000 });
    await app.train();
    await waitForRun(app, 'Run 1');

    await app.selectNode(app.node('dense'));
    await app.setInspectorField('units', 64);
    await app.fill(page.getByLabel('Learning rate', { exact: true }), '0.0005', 'the Learning rate field');
    await app.train();
    const run2 = await waitForRun(app, 'Run 2');
    expect(run2[2]).toBe('dense: units 128 → 64; lr 0.001 → 0.0005');
    expect(run2[3]).toBe('1'); // epochs
    expect(run2[4]).toMatch(/^\d+\.\d\d% \(epoch 1\)$/);

    const comparison = await app.compareRuns('Run 2', 'Run 1');
    expect((await app.runCells('Run 1'))[2]).toBe('First run');
    const accuracy = comparison.getByTestId('compare-accuracy');
    expect(await accuracy.getAttribute('data-points')).toBe('1');
    // One epoch each: a dot per series, train and validation of both runs.
    await poll(
      () => accuracy.locator('.recharts-line-dot, .recharts-dot').count(),
      (n) => n === 4,
      'a dot for each of the four series in the accuracy overlay',
    );
    expect(await comparison.getByTestId('compare-graph-changes').textContent()).toBe('dense: units 128 → 64');

    expect(await app.nodeClasses('dense')).not.toContain('is-diff-changed');
    await app.click(comparison.getByRole('checkbox', { name: 'Show diff on canvas' }), 'Show diff on canvas');
    await poll(
      () => app.nodeClasses('dense'),
      (classes) => classes.includes('is-diff-changed'),
      'the changed Dense to wear is-diff-changed',
    );
    for (const name of ['flatten', 'dense_1'])
      expect(await app.nodeClasses(name), name).not.toContain('is-diff-changed');
    expect(await app.node('dense').textContent()).toContain('Changed since Run 1: units 128 → 64');

    const table = await app.download(
      page.getByRole('button', { name: 'Runs table as CSV' }),
      'the table CSV button',
    );
    expect(table.filename).toBe('mnist_mlp_runs.csv');
    const rows = table.bytes.toString('utf8').split('\r\n');
    expect(rows[0]).toBe(
      'Run,When,Changes vs previous run,Epochs,Best val. accuracy,Best epoch,Test acc.,s/epoch,State',
    );
    expect(rows[1]).toMatch(/^Run 1,\d{4}-\d\d-\d\dT[\d:.]+Z,,1,0\.\d+,1,0\.\d+,[\d.]+,completed$/);
    expect(rows[2]).toMatch(/^Run 2,[^,]+,dense: units 128 → 64; lr 0\.001 → 0\.0005,1,/);

    const lossCsv = await app.download(
      comparison.getByRole('button', { name: 'Loss per epoch: Run 2 vs Run 1 as CSV' }),
      'the overlay loss CSV button',
    );
    const lossRows = lossCsv.bytes.toString('utf8').trim().split('\r\n');
    expect(lossRows[0]).toBe('Epoch,train Run 2,val. Run 2,train Run 1,val. Run 1');
    expect(lossRows.slice(1).map((r) => r.split(',').map(Number).every(Number.isFinite))).toEqual([true]);

    const png = await app.download(
      comparison.getByRole('button', { name: 'Accuracy per epoch: Run 2 vs Run 1 as PNG' }),
      'the overlay accuracy PNG button',
    );
    expect(png.filename).toBe('Accuracy_per_epoch_Run_2_vs_Run_1.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
    // At twice the chart's size with an 8 px margin either side: the IHDR's width is the 4 bytes from offset 16.
    const svgWidth = await accuracy.locator('.recharts-wrapper > svg').evaluate((svg) => svg.clientWidth);
    expect(png.bytes.readUInt32BE(16)).toBe(2 * (Math.round(svgWidth) + 16));

    await app.click(comparison.getByRole('button', { name: 'Close the comparison' }), 'Close the comparison');
    await poll(
      () => app.nodeClasses('dense'),
      (classes) => !classes.includes('is-diff-changed'),
      'the ring to go when the comparison closes',
    );

    // An existing chart of a run exports too.
    await app.showTab('Charts');
    const epochPng = await app.download(
      page.getByRole('button', { name: 'Loss per epoch as PNG' }),
      'the epoch loss PNG button',
    );
    expect([...epochPng.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
  });
});
