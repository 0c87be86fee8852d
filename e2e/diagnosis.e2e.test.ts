// Diagnosis from the curves: the MNIST MLP trained to overfit (300 samples, 20 epochs, a fifth held out
// for validation) shows the overfitting message under the charts; its "Add Dropout" remedy, pressed from
// the keyboard, inserts one Dropout after the hidden Dense without starting a run, and Ctrl+Z removes it;
// turning on early stopping is undone by Ctrl+Z the same way.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

describe('diagnosis', () => {
  it('says an overfitting MLP overfits; Add Dropout inserts one node and Ctrl+Z takes it out', async () => {
    const { app, served } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 20, limit: 300, batchSize: 32 });
    await app.fill(
      app.page.getByLabel('Validation split', { exact: true }),
      '0.2',
      'training field "Validation split"',
    );
    await app.train();
    await app.waitForTestAccuracy();
    await app.showTab('Charts');

    const section = app.diagnosis();
    await app.visible(section.getByText('Overfitting.'), 'the overfitting finding in the Diagnosis section');
    const finding = (await section.locator('[data-kind="overfitting"]').textContent()) ?? '';
    expect(finding).toMatch(/Validation loss rose \d+ epochs in a row|validation accuracy only/);

    const runs = served.training.list().length;
    expect(await app.nodes().count()).toBe(4);
    const remedy = section.getByRole('button', { name: /Add Dropout \(0\.5, after dense\)/ });
    await (await app.visible(remedy, 'the "Add Dropout" remedy button')).focus();
    await app.page.keyboard.press('Enter');
    await poll(
      () => app.nodes().count(),
      (n) => n === 5,
      'one Dropout node to be added',
    );
    await app.visible(app.node('dropout'), 'the new Dropout node on the canvas');
    await app.waitForEdgeLabel('Edge from dense to dropout');
    await app.waitForEdgeLabel('Edge from dropout to dense_1');
    expect(await section.getByRole('status').textContent()).toContain('Add Dropout (0.5, after dense): done');
    expect(served.training.list().length, 'a remedy never starts training').toBe(runs);

    await app.page.keyboard.press('Control+z');
    await poll(
      () => app.nodes().count(),
      (n) => n === 4,
      'one Undo to remove the Dropout',
    );
    expect(await app.nodeIds()).not.toContain('dropout');
    await app.waitForEdgeLabel('Edge from dense to dense_1');

    // A settings remedy is an undo step too: it ticks Early stopping, and Ctrl+Z unticks it.
    const early = app.page.getByLabel('Early stopping', { exact: true });
    expect(await early.isChecked()).toBe(false);
    await app.click(
      section.getByRole('button', { name: /Turn on early stopping/ }),
      'the early-stopping remedy',
    );
    await poll(() => early.isChecked(), Boolean, 'Early stopping to be ticked by the remedy');
    await app.page.keyboard.press('Control+z');
    await poll(
      () => early.isChecked(),
      (v) => !v,
      'one Undo to untick Early stopping',
    );
    expect(await app.nodes().count()).toBe(4);
    expect(served.training.list().length, 'a remedy never starts training').toBe(runs);
  });
});
