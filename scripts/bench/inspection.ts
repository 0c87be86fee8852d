// The `inspection` part of `npm run bench` (issue 16): what looking inside costs. The per-layer
// statistics' overhead on training (worker-native/bench/train-stats.ts in its A/B mode: blocks of 25 steps
// without statistics and with every step sampled, alternating in one process, so a busy machine's drift
// hits both alike), and the latency of one activations call for the seed CNN
// (scripts/bench/activations-latency.ts). Returns markdown.
import { DEFAULT_STATS_EVERY as SAMPLED_EVERY } from '../../worker-native/worker/layer-stats-sampler';
import { child } from './child';

const RUNS = 3;

const json = (args: string[]) => child<Record<string, number>>('npx', ['tsx', ...args]);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(2)}%`);

export function benchInspection(): string {
  const lines = [
    `Statistics overhead: \`npx tsx worker-native/bench/train-stats.ts <template> 32 2 ab\`, ${RUNS} runs; the cost of sampling every ${SAMPLED_EVERY} steps (the training loop's default) is the extra time of a sampled step over ${SAMPLED_EVERY} steps. Target: at most 3%.`,
    '',
    `| model | step without statistics (ms) | sampled step (ms) | overhead at every ${SAMPLED_EVERY} steps, per run | median |`,
    '| --- | ---: | ---: | --- | ---: |',
  ];
  for (const template of ['mnist-cnn', 'mnist-mlp']) {
    const runs = Array.from({ length: RUNS }, () =>
      json(['worker-native/bench/train-stats.ts', template, '32', '2', 'ab']),
    );
    const known = runs.filter((r): r is Record<string, number> => r !== undefined);
    const overheads = known.map(
      (r) =>
        ((r.step_ms_every_step as number) - (r.step_ms_off as number)) /
        (SAMPLED_EVERY * (r.step_ms_off as number)),
    );
    lines.push(
      `| ${template} | ${median(known.map((r) => r.step_ms_off as number))?.toFixed(3) ?? '–'} | ${median(known.map((r) => r.step_ms_every_step as number))?.toFixed(3) ?? '–'} | ${overheads.map(pct).join(' / ')} | ${pct(median(overheads))} |`,
    );
  }
  const latency = json(['scripts/bench/activations-latency.ts', '1']);
  lines.push(
    '',
    `Activations for one input (seed CNN, one thread, median of 20 calls; \`npx tsx scripts/bench/activations-latency.ts\`). Target: one forward pass with activations in at most 20 ms.`,
    '',
    '| path | ms |',
    '| --- | ---: |',
    `| core: forward pass and every layer's output (NativeModel.activations) | ${latency?.core_activations_ms ?? '–'} |`,
    `| core: predict alone | ${latency?.core_predict_ms ?? '–'} |`,
    `| API: inference.activations with the thumbnail summary | ${latency?.api_activations_ms ?? '–'} |`,
    `| API and JSON of the reply (${latency?.api_reply_kb ?? '–'} KB) | ${latency?.api_with_json_ms ?? '–'} |`,
  );
  return lines.join('\n');
}
