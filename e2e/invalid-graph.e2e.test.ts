// A broken graph: deleting the CNN template's Flatten leaves the Dense after it without an input; the
// node shows the error and Train is disabled with a reason naming the layers (conv2d_2 is now a second
// output; in Chinese too, after switching the language); Undo brings the valid model back.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';
import { template } from './support/templates';

const ctx = useApp();
const cnn = template('mnist-cnn');

describe('invalid graph', () => {
  it('shows the error on the Dense node and disables Train with a reason', async () => {
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
    const dense = app.node('dense');
    await app.visible(dense.getByTestId('node-error'), 'data-testid="node-error" on the Dense node');
    expect(await app.nodeText(dense, 'node-error')).not.toBe('');

    await poll(() => app.trainButton().isDisabled(), Boolean, 'the Train button to be disabled');
    expect(await app.trainDisabledReason(), 'Train button title or aria-describedby').toContain(
      'conv2d_2 is an output, and so is dense_1: a model has one output',
    );

    // The engine's message is translated, still naming the layer.
    await app.setLanguage('zh');
    await poll(
      async () => (await app.trainingReason().textContent()) ?? '',
      (text) => text.includes('conv2d_2 是输出，dense_1 也是：模型只能有一个输出'),
      'the Train reason in Chinese',
    );
    await app.setLanguage('en');

    await app.undo();
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again after Undo');
    expect(await dense.getByTestId('node-error').count()).toBe(0);
  });
});
