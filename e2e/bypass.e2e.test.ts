// Bypass and restore on the MNIST CNN: Ctrl+B dims the selected Conv2D and the summary's total drops
// its params (and grows the Dense that now reads a bigger input); Ctrl+B again restores it. The context
// menu (right-click, or Shift+F10 from the keyboard) does the same, Ctrl+Z undoes it, and bypassing the
// output layer is refused with the reason shown.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

// conv2d_2 has 3·3·64·64 + 64 = 36,928 params; without it dense reads 5·5·64 = 1600 values, not 576.
const TOTAL = '93,322';
const TOTAL_WITHOUT_CONV3 = '121,930';

describe('bypass and restore', () => {
  it('Ctrl+B bypasses the selected layer and restores it; the summary follows', async () => {
    const { app } = ctx;
    await app.open();
    await app.newModel('MNIST CNN');
    expect(await app.summaryTotal()).toBe(TOTAL);
    const conv = app.node('conv2d_2');
    await app.selectNode(conv);
    await app.page.keyboard.press('Control+b');
    await app.waitForBypassed(conv, true, 'Ctrl+B');
    await poll(
      () => app.summaryTotal(),
      (t) => t === TOTAL_WITHOUT_CONV3,
      'the total without conv2d_2',
    );
    const summaryRows = await app.summary().locator('tr[data-node-id="conv3"]').count();
    expect(summaryRows, 'the summary leaves the bypassed layer out').toBe(0);
    // It shows the shape it passes through (its own output was (None, 3, 3, 64)).
    await app.waitForNodeText(conv, 'node-shape', /^\(None, 5, 5, 64\)$/);

    await app.page.keyboard.press('Control+b');
    await app.waitForBypassed(conv, false, 'Ctrl+B again');
    await poll(
      () => app.summaryTotal(),
      (t) => t === TOTAL,
      'the total restored',
    );
  });

  it('the context menu bypasses and restores, Ctrl+Z undoes, and the keyboard opens it too', async () => {
    const { app } = ctx;
    await app.open();
    await app.newModel('MNIST CNN');
    const conv = app.node('conv2d_2');
    const menu = await app.openNodeMenu(conv);
    await app.click(menu.getByRole('menuitem', { name: 'Bypass', exact: true }), 'the menu item "Bypass"');
    await app.waitForBypassed(conv, true, 'the context menu');
    expect(await app.nodeMenu().count(), 'the menu closes after its item ran').toBe(0);

    await app.page.keyboard.press('Control+z');
    await app.waitForBypassed(conv, false, 'Ctrl+Z');

    // From the keyboard: Shift+F10 on the focused node, Enter on the focused first item.
    await conv.focus();
    await app.page.keyboard.press('Shift+F10');
    await app.visible(app.nodeMenu(), 'the context menu opened with Shift+F10');
    await app.page.keyboard.press('Enter');
    await app.waitForBypassed(conv, true, 'Enter on "Bypass"');
    const again = await app.openNodeMenu(conv);
    await app.click(again.getByRole('menuitem', { name: 'Restore', exact: true }), 'the menu item "Restore"');
    await app.waitForBypassed(conv, false, 'the menu item "Restore"');
    await app.openNodeMenu(conv);
    await app.page.keyboard.press('Escape');
    await poll(
      () => app.nodeMenu().count(),
      (n) => n === 0,
      'Escape to close the menu',
    );
  });

  it('bypassing the output layer is refused with the reason, and nothing changes', async () => {
    const { app } = ctx;
    await app.open();
    await app.newModel('MNIST CNN');
    await app.fitView(); // the output layer sits below the fold at first
    const output = app.node('dense_1');
    await app.selectNode(output);
    await app.page.keyboard.press('Control+b');
    await app.visible(
      app
        .notice()
        .getByText("Bypassing dense_1 would change the model's output from (None, 10) to (None, 64)"),
      'the refusal notice',
    );
    expect(await app.isBypassed(output)).toBe(false);
    expect(await app.summaryTotal()).toBe(TOTAL);
  });
});
