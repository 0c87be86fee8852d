// For tests: an MNIST MLP document with two finished runs (s1, s2) on a fake API, each with 300 batch
// points, one epoch and its own weights (every value 1 for s1, 2 for s2), and settings changed from the
// defaults (3 epochs, batch size 64).
import { bytesToBase64, float32Bytes } from '../../../../engine/formats/weights';
import { createEditorStore } from '../../editor/editor-store';
import { templateModel } from '../../files/templates';
import { batchEvent, startedEvent, storeOnFakeApi } from '../../training/fake-api';

/** Weights shaped like the MNIST MLP's (dense 784→128, dense_1 128→10), filled with one value. */
export function mlpWeights(value: number) {
  const fill = (n: number) => bytesToBase64(float32Bytes(new Float32Array(n).fill(value)));
  return {
    dtype: 'float32' as const,
    tensors: [
      { name: 'dense/kernel', shape: [784, 128], data: fill(784 * 128) },
      { name: 'dense/bias', shape: [128], data: fill(128) },
      { name: 'dense_1/kernel', shape: [128, 10], data: fill(1280) },
      { name: 'dense_1/bias', shape: [10], data: fill(10) },
    ],
  };
}

export async function trainedDocument() {
  const editor = createEditorStore(templateModel('mnist-mlp'));
  const docId = editor.getState().docId;
  const { api, store: training } = storeOnFakeApi({
    'training.weights': ({ sessionId }) => mlpWeights(sessionId === 's1' ? 1 : 2),
  });
  training.getState().setModelKey(docId);
  training.getState().setSettings({ epochs: 3, batch_size: 64 });
  for (const id of ['s1', 's2']) {
    await training.getState().start(editor.getState().toModelFile(), docId);
    api.emit(id, startedEvent);
    for (let step = 1; step <= 300; step++) api.emit(id, batchEvent(1, step, 1 / step));
    api.emit(id, {
      type: 'epoch',
      epoch: 1,
      loss: 0.4,
      accuracy: 0.9,
      val_loss: 0.5,
      val_accuracy: 0.85,
      seconds: 2,
    });
    api.emit(id, { type: 'state', state: 'completed' });
  }
  await new Promise((resolve) => setTimeout(resolve, 0)); // the weights fetches
  return { editor, training, docId, api };
}
