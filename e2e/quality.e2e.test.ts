// Quality bar: every control has an accessible name (axe-core's name rules over the main states),
// the keyboard works without a mouse (add a layer from the palette, undo, redo), the UI switches to
// Simplified Chinese and back, and Export writes a model file that the engine and the JSON Schema accept.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../engine';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const NAME_RULES = [
  'button-name',
  'input-button-name',
  'label',
  'select-name',
  'link-name',
  'image-alt',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'aria-command-name',
  'aria-progressbar-name',
  'aria-dialog-name',
  'aria-meter-name',
  'aria-tooltip-name',
  'aria-treeitem-name',
  'svg-img-alt',
  'role-img-alt',
  'frame-title',
];

async function nameViolations(): Promise<string[]> {
  const page = ctx.app.page;
  // evaluate() runs outside the page's CSP, which forbids injected scripts.
  await page.evaluate(AXE_SOURCE);
  // A string, because this side is type-checked without the DOM library.
  return page.evaluate<string[]>(`(async () => {
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ${JSON.stringify(NAME_RULES)} } });
    return result.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ')));
  })()`);
}

describe('quality', () => {
  it('gives every control an accessible name in the editor, inspector, summary and after training', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    // The check itself catches a nameless control.
    await app.page.evaluate(
      `document.body.append(Object.assign(document.createElement('button'), { id: 'bare' }))`,
    );
    expect(await nameViolations()).toEqual(['button-name: #bare']);
    await app.page.evaluate(`document.getElementById('bare').remove()`);
    expect(await nameViolations(), 'editor').toEqual([]);
    await app.selectNode(app.node('conv2d'));
    expect(await nameViolations(), 'inspector with Conv2D').toEqual([]);
    await app.showSummary();
    expect(await nameViolations(), 'summary').toEqual([]);
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 1000 });
    await app.train();
    await app.waitForTestAccuracy();
    expect(await nameViolations(), 'results').toEqual([]);
  });

  it('works from the keyboard: Enter on a palette item adds it after the selection; Ctrl+Z / Ctrl+Shift+Z', async () => {
    const { app } = ctx;
    const page = app.page;
    await app.open();
    await app.newModel('MNIST MLP');
    const before = await app.nodeCount();
    await app.selectNode(app.node('flatten'));
    await page.getByRole('searchbox', { name: 'Search layers' }).fill('dropout');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(`document.activeElement?.getAttribute('data-testid')`))
      .toBe('palette-item-Dropout');
    await page.keyboard.press('Enter');
    await poll(
      () => app.nodeCount(),
      (n) => n === before + 1,
      'a Dropout node after Enter',
    );
    const dropout = app.node('dropout');
    expect(await app.nodeText(dropout, 'node-shape')).toBe('(None, 784)');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await poll(
      () => app.nodeCount(),
      (n) => n === before,
      'the Dropout node gone after Ctrl+Z',
    );
    await page.keyboard.press('Control+Shift+z');
    await poll(
      () => app.nodeCount(),
      (n) => n === before + 1,
      'the Dropout node back after Ctrl+Shift+Z',
    );
  });

  it('switches the UI to Simplified Chinese and back', async () => {
    const { app } = ctx;
    const page = app.page;
    await app.open();
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('button', { name: '训练', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: '图层面板' }).count()).toBe(1);
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
  });

  it('exports a model file that the engine and the JSON Schema accept', async () => {
    const { app } = ctx;
    const page = app.page;
    await app.open();
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Model JSON (architecture)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mnist_cnn.layerwise.json');
    const text = readFileSync((await download.path()) as string, 'utf8');
    const parsed = parseModelFile(text);
    expect(parsed.ok && parsed.model.graph.nodes.length).toBe(9);
    const schema = JSON.parse(readFileSync('docs/model-format.schema.json', 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });
});
