// One full training run through the runtime (worker thread, events, coalescing), as the app and the
// CLI use it, in its own process: prints throughput, the largest gap between batch events a listener
// saw, and the whole process's peak RSS. Usage: tsx scripts/bench/runtime-run.ts <template> <batch>
import { readFileSync } from 'node:fs';
import type { TrainingEvent } from '../../engine/api/events';
import { TrainingService } from '../../electron/services/training/training-service';

const [template = 'mnist-cnn', batch = '32'] = process.argv.slice(2);
const model = JSON.parse(
  readFileSync(new URL(`../../assets/templates/${template}.json`, import.meta.url), 'utf8'),
);
const service = new TrainingService();
const { session } = await service.start(model, {
  epochs: 1,
  batch_size: Number(batch),
  validation_split: 0,
  seed: 1,
});
let last = 0;
let maxGap = 0;
let completed: Extract<TrainingEvent, { type: 'completed' }> | undefined;
session.onEvent((event) => {
  const now = performance.now();
  if (event.type === 'batch') {
    if (last > 0) maxGap = Math.max(maxGap, now - last);
    last = now;
  }
  if (event.type === 'completed') completed = event;
});
await session.whenFinished();
await service.disposeAll();
console.log(
  JSON.stringify({
    train_samples_per_s: completed?.train_samples_per_second ?? 0,
    test_accuracy: completed?.test_accuracy ?? 0,
    max_event_gap_ms: maxGap,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }),
);
