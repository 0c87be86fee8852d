// TensorFlow.js (pure-JS CPU backend, the one that runs in Node here) on the same model and batch, in
// its own process. Trains `samples` samples (a full epoch would take hours for the CNN) and reports
// the rate; prints one JSON line. Usage: tsx worker-native/bench/train-tfjs.ts <template> <batch> <samples> <infer>
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { compileGraph, parseModelFile } from '../../engine';
import { tfjsModel } from '../test-support/tfjs-reference';

const [template = 'mnist-mlp', batchText = '32', samplesText = '3200', inferText = '2000'] =
  process.argv.slice(2);
const batch = Number(batchText);
await tf.setBackend('cpu');
const loaded = parseModelFile(
  readFileSync(new URL(`../../assets/templates/${template}.json`, import.meta.url), 'utf8'),
);
if (!loaded.ok) throw new Error('bad template');
const compiled = compileGraph(loaded.model.graph);
if (!compiled.ok) throw new Error('bad graph');
const weights = Object.fromEntries(
  compiled.plan.nodes.flatMap((n) =>
    n.weights.map((w) => [w.name, new Float32Array(w.size).map(() => (Math.random() - 0.5) * 0.1)]),
  ),
);
const model = tfjsModel(compiled.plan, weights);
model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy' });

const x = tf.randomUniform([batch, 28, 28, 1]);
const y = tf.tensor1d(
  Array.from({ length: batch }, (_, i) => i % 10),
  'float32',
);
await model.trainOnBatch(x, y); // warm-up
const steps = Math.max(1, Math.round(Number(samplesText) / batch));
const started = performance.now();
for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
const trainSeconds = (performance.now() - started) / 1000;

const infer = Number(inferText);
const inputs = tf.randomUniform([Math.min(256, infer), 28, 28, 1]);
const inferStarted = performance.now();
for (let done = 0; done < infer; done += 256) (model.predict(inputs) as tf.Tensor).dispose();
const inferSeconds = (performance.now() - inferStarted) / 1000;

console.log(
  JSON.stringify({
    train_samples_per_s: (steps * batch) / trainSeconds,
    infer_samples_per_s: (Math.ceil(infer / 256) * Math.min(256, infer)) / inferSeconds,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    measured_samples: steps * batch,
  }),
);
