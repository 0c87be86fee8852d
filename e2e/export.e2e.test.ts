// Export from the app: after a short training run, the Export menu downloads TF.js Layers files that
// TF.js loads, and an ONNX file that onnxruntime runs, both on the weights just trained.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './support/setup';

const ctx = useApp();

async function exportVia(label: string, files: number): Promise<Download[]> {
  const page = ctx.app.page;
  await page.getByRole('button', { name: 'Export' }).click();
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) =>
    page.on('download', (d) => {
      downloads.push(d);
      if (downloads.length === files) resolve();
    }),
  );
  await page.getByRole('menuitem', { name: label }).click();
  await done;
  return downloads;
}

const bytesOf = async (d: Download) => new Uint8Array(readFileSync((await d.path()) as string));

describe('export from the app', () => {
  it('downloads TF.js Layers and ONNX files that their runtimes load and run', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 1000 });
    await app.train();
    await app.waitForTestAccuracy();

    const [json, bin] = await exportVia('TensorFlow.js Layers (model.json + weights)', 2);
    expect(json?.suggestedFilename()).toBe('mnist_mlp.tfjs.json');
    // The weights are named by their content, and the model.json names that file.
    expect(bin?.suggestedFilename()).toMatch(/^mnist_mlp\.tfjs\.[0-9a-f]{8}\.weights\.bin$/);
    const artifacts = JSON.parse(new TextDecoder().decode(await bytesOf(json!)));
    expect(artifacts.weightsManifest[0].paths).toEqual([bin?.suggestedFilename()]);
    const weightData = (await bytesOf(bin!)).slice().buffer;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: artifacts.modelTopology,
        weightSpecs: artifacts.weightsManifest[0].weights,
        weightData,
      }),
    );
    const image = tf.zeros([1, 28, 28, 1]);
    const tfjsOut = Array.from((model.predict(image) as tf.Tensor).dataSync());
    expect(tfjsOut.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    const [onnx] = await exportVia('ONNX (.onnx)', 1);
    expect(onnx?.suggestedFilename()).toBe('mnist_mlp.onnx');
    const session = await ort.InferenceSession.create(await bytesOf(onnx!));
    const result = await session.run({
      input: new ort.Tensor('float32', new Float32Array(784), [1, 28, 28, 1]),
    });
    const onnxOut = result.probabilities?.data as Float32Array;
    // The same trained weights behind both files.
    for (let i = 0; i < 10; i++) expect(onnxOut[i]).toBeCloseTo(tfjsOut[i] as number, 4);
  });
});
