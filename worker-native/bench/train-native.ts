// One benchmark run of the native core, in its own process so its peak RSS is its own: trains one full
// epoch of MNIST on a template, then evaluates on the test set and times inference. Prints one JSON line.
// Usage: tsx worker-native/bench/train-native.ts <mnist-cnn|mnist-mlp> <batch> <threads>
import { mnist, shuffledOrder, templatePlan } from './bench-data';
import { NativeModel } from '../lib/native-model';

const [template = 'mnist-cnn', batchText = '32', threadsText = '2'] = process.argv.slice(2);
const batch = Number(batchText);
const trainImages = mnist('train-images-idx3-ubyte', 16);
const trainLabels = mnist('train-labels-idx1-ubyte', 8);
const testImages = mnist('t10k-images-idx3-ubyte', 16);
const testLabels = mnist('t10k-labels-idx1-ubyte', 8);

const model = new NativeModel(
  templatePlan(template),
  { optimizer: { type: 'adam', learning_rate: 0.001 }, seed: 1 },
  { threads: Number(threadsText) },
);

// Shuffle once (seeded) and gather batches, as a training loop does.
const order = shuffledOrder(60_000);
const x = new Uint8Array(batch * 784);
const y = new Uint8Array(batch);
const steps = Math.floor(60_000 / batch);
const started = performance.now();
for (let step = 0; step < steps; step++) {
  for (let b = 0; b < batch; b++) {
    const sample = order[step * batch + b] as number;
    x.set(trainImages.subarray(sample * 784, sample * 784 + 784), b * 784);
    y[b] = trainLabels[sample] as number;
  }
  model.trainBatch(x, y);
}
const trainSeconds = (performance.now() - started) / 1000;
const trainTimes = model.takeLayerTimes();

const inferStarted = performance.now();
const test = model.evaluate(testImages, testLabels, 256);
const inferSeconds = (performance.now() - inferStarted) / 1000;
const inferTimes = model.takeLayerTimes();

console.log(
  JSON.stringify({
    train_samples_per_s: (steps * batch) / trainSeconds,
    epoch_seconds: trainSeconds,
    infer_samples_per_s: 10_000 / inferSeconds,
    test_accuracy: test.accuracy,
    test_loss: test.loss,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    // Seconds per epoch (training) and per test pass (inference), by layer.
    layers: trainTimes.nodes
      .map((n, i) => ({
        name: n.name,
        type: n.type,
        forward: n.forward,
        backward: n.backward,
        infer: inferTimes.nodes[i]?.forward ?? 0,
      }))
      .filter((n) => n.forward + n.backward + n.infer > 0),
    loss_seconds: trainTimes.loss,
    optimizer_seconds: trainTimes.optimizer,
    other_seconds: trainTimes.other,
  }),
);
