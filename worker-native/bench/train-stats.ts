// The cost of per-layer statistics: one epoch of MNIST on a template, as train-native.ts trains it, with
// the core sampling statistics every <every> steps (0: off) and the sampled step read out as the
// training loop reads it (layer stats and times). Prints one JSON line; compare runs with and without.
// <every> = ab: one process alternates blocks of 25 steps without statistics and with every step
// sampled, so a busy machine's drift hits both alike; it prints the median step time of each and the
// overhead that sampling every N steps would cost (the extra time per sample / (N steps)).
// Usage: tsx worker-native/bench/train-stats.ts <mnist-cnn|mnist-mlp> <batch> <threads> <every|ab>
import { mnist, shuffledOrder, templatePlan } from './bench-data';
import { NativeModel } from '../lib/native-model';

const [template = 'mnist-cnn', batchText = '32', threadsText = '2', everyText = '0'] = process.argv.slice(2);
const ab = everyText === 'ab';
const every = ab ? 0 : Number(everyText);
const BLOCK = 25;
const blockMs: [number[], number[]] = [[], []];
const batch = Number(batchText);
const trainImages = mnist('train-images-idx3-ubyte', 16);
const trainLabels = mnist('train-labels-idx1-ubyte', 8);

const model = new NativeModel(
  templatePlan(template),
  { optimizer: { type: 'adam', learning_rate: 0.001 }, seed: 1 },
  { threads: Number(threadsText) },
);

// Shuffle once (seeded) and gather batches, as a training loop does.
const order = shuffledOrder(60_000);
model.setStatsEvery(every);
let samples = 0;
const x = new Uint8Array(batch * 784);
const y = new Uint8Array(batch);
const steps = Math.floor(60_000 / batch);
const started = performance.now();
let blockStarted = started;
for (let step = 0; step < steps; step++) {
  const sampling = ab && Math.floor(step / BLOCK) % 2 === 1;
  if (ab && step % BLOCK === 0) model.setStatsEvery(sampling ? 1 : 0);
  for (let b = 0; b < batch; b++) {
    const sample = order[step * batch + b] as number;
    x.set(trainImages.subarray(sample * 784, sample * 784 + 784), b * 784);
    y[b] = trainLabels[sample] as number;
  }
  model.trainBatch(x, y);
  if (sampling || (every > 0 && step % every === 0)) {
    if (model.takeLayerStats() !== null) samples++;
    model.takeLayerTimes();
  }
  if (ab && (step + 1) % BLOCK === 0) {
    const now = performance.now();
    blockMs[sampling ? 1 : 0].push((now - blockStarted) / BLOCK);
    blockStarted = now;
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
if (ab) {
  const off = median(blockMs[0]);
  const on = median(blockMs[1]);
  const overhead = (n: number) => (on - off) / (n * off);
  console.log(
    JSON.stringify({
      template,
      batch,
      step_ms_off: off,
      step_ms_every_step: on,
      ms_per_sample: on - off,
      overhead_every_25: overhead(25),
      overhead_every_50: overhead(50),
      overhead_every_100: overhead(100),
    }),
  );
  process.exit(0);
}
const trainSeconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    template,
    batch,
    every,
    samples,
    epoch_seconds: trainSeconds,
    train_samples_per_s: (steps * batch) / trainSeconds,
  }),
);
