// A broken graph. Deleting the CNN template's Flatten only leaves layers not connected: that is an
// unfinished graph, not an error, so it gives the calm hint, no red node, and Train disabled with the
// hint as its reason (in Chinese too, after switching the language). A real problem (a kernel larger
// than its input) puts a problem badge on the node whose tooltip holds the message, without changing the
// node's size. Undo brings the valid model back.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';
import { template } from './support/templates';

const ctx = useApp();
const cnn = template('mnist-cnn');

describe('invalid graph', () => {
  it('calls a deleted Flatten a not-connected layer, calmly, and disables Train with that reason', async () => {
    const { app } = ctx;
    await app.open();
    await poll(
      () => app.nodeCount(),
      (n) => n > 0,
      'the MNIST CNN template',
    );
    expect(await app.fitView(), 'nodes rendered after Fit view').toBe(cnn.graph.nodes.length);
    await app.visible(app.trainButton(), 'the Train button');
    expect(await app.trainButton().isEnabled(), 'Train is enabled for the valid template').toBe(true);

    await app.deleteNode(app.node('flatten'));
    const hint = await app.visible(app.notConnectedHint(), 'the not-connected hint');
    expect(((await hint.textContent()) ?? '').trim()).toMatch(/^2 layers are not connected: dense, dense_1$/);
    expect(await app.nodes().getByTestId('node-error').count(), 'no node is red').toBe(0);

    await poll(() => app.trainButton().isDisabled(), Boolean, 'the Train button to be disabled');
    expect(await app.trainDisabledReason()).toContain('2 layers are not connected: dense, dense_1');

    // The reason is translated, still naming the layers.
    await app.setLanguage('zh');
    await poll(
      async () => (await app.trainingReason().textContent()) ?? '',
      (text) => text.includes('2 个图层尚未连接：dense, dense_1'),
      'the Train reason in Chinese',
    );
    await app.setLanguage('en');

    await app.undo();
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again after Undo');
    expect(await app.notConnectedHint().count()).toBe(0);
  });

  it('shows a real problem as a badge with the message, keeping the node size', async () => {
    const { app } = ctx;
    await app.open();
    await poll(
      () => app.nodeCount(),
      (n) => n > 0,
      'the MNIST CNN template',
    );
    await app.fitView();
    const conv = app.node('conv2d');
    const before = await app.box(conv, 'the first Conv2D node');
    await app.selectNode(conv);
    await app.setInspectorField('kernel_size', '30, 30');
    const badge = await app.visible(conv.getByTestId('node-error'), 'the problem badge on conv2d');
    // The badge's tooltip is the same message the Inspector shows under the field.
    const message = await app.visible(app.inspector().locator('.field-error'), 'the kernel_size error');
    expect(await badge.getAttribute('title')).toBe(((await message.textContent()) ?? '').trim());
    expect(await badge.getAttribute('title')).not.toBe('');
    const after = await app.box(conv, 'the first Conv2D node');
    expect([after.width, after.height]).toEqual([before.width, before.height]);
    await poll(() => app.trainButton().isDisabled(), Boolean, 'the Train button to be disabled');
    expect(await app.trainDisabledReason()).toMatch(
      /^conv2d's kernel_size 30x30 is larger than its 28x28 input/,
    );

    await app.undo();
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again after Undo');
    expect(await conv.getByTestId('node-error').count()).toBe(0);
  });
});
