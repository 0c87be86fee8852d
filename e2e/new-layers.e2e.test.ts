// The new layer types in the app, as a user meets them: New → the augmented Fashion-MNIST template puts
// RandomFlip and RandomTranslation on the canvas with Fashion-MNIST chosen, it trains from the UI to a
// test accuracy, and quick add builds a 1-D model from words alone with the shapes Keras gives.
import { describe, expect, it } from 'vitest';
import { useApp } from './support/setup';

const ctx = useApp();

describe('new layers', () => {
  it('trains the augmented Fashion-MNIST template from the UI', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('Fashion-MNIST CNN with augmentation');
    const titles = await app.nodeTitles();
    expect(titles).toContain('random_flip');
    expect(titles).toContain('random_translation');
    await app.openDock();
    await expect
      .poll(() => app.page.getByLabel('Dataset', { exact: true }).inputValue())
      .toBe('fashion-mnist');
    await app.setTraining({ epochs: 1, limit: 1000 });
    await app.train();
    const accuracy = await app.waitForTestAccuracy();
    expect(accuracy).toMatch(/\d/);
    const session = ctx.served.training.list().at(-1)?.snapshot();
    expect(session?.state).toBe('completed');
  });

  it('quick add builds Conv1D → GlobalMaxPooling1D → Dense on a sequence input, with Keras shapes', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('Blank');
    await app.setInspectorField('shape', '28, 28');
    await app.selectNode(app.node('input_layer')); // back to the canvas, which takes the keyboard
    for (const words of ['conv1d 16 relu', 'globalmaxpooling1d', 'dense 10 softmax']) {
      await app.page.keyboard.press('Space');
      await app.visible(app.quickAdd(), `the quick-add box for "${words}"`);
      await app.page.keyboard.type(words);
      await app.page.keyboard.press('Enter');
    }
    await app.waitForEdgeLabel('Edge from global_max_pooling1d to dense');
    await app.waitForNodeText(app.node('conv1d'), 'node-shape', /\(None, 26, 16\)/);
    await app.waitForNodeText(app.node('global_max_pooling1d'), 'node-shape', /\(None, 16\)/);
    await app.waitForNodeText(app.node('dense'), 'node-shape', /\(None, 10\)/);
  });
});
