// The training benchmark of `npm run bench`: the native core, TensorFlow.js and (where installed)
// PyTorch on the MNIST CNN and MLP templates at batch 32 and 128, each in its own process, same
// thread count, side by side. Returns markdown.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compileGraph, parseModelFile } from '../../engine';
import { flopsPerSample } from '../../worker-native/bench/flops';

const THREADS = 2;
const root = new URL('../../', import.meta.url).pathname;

type Row = Partial<Record<string, number>> & { train_samples_per_s: number; test_accuracy: number };

function child(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Row | undefined {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30 * 60_000,
  });
  const line = result.stdout?.trim().split('\n').at(-1);
  try {
    return JSON.parse(line ?? '') as Row;
  } catch {
    console.error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    return undefined;
  }
}

function torchPython(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) return python;
  }
  return undefined;
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined
    ? '–'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}x`;

export function benchTraining(peakGflops: number | undefined): string {
  const python = torchPython();
  const lines = [
    `Threads: ${THREADS} for every framework. Native: one full 60k epoch of MNIST (Adam 1e-3), then the 10k test set.`,
    'TF.js (pure-JS CPU backend) and PyTorch: measured on part of an epoch (same model, batch, optimizer) and extrapolated to 60k.',
    `PyTorch: ${python ? `${python}, OMP_NUM_THREADS=${THREADS}, OPENBLAS_NUM_THREADS=1, torch.set_num_threads(${THREADS})` : 'not installed here (`apt-get install -y python3-torch`)'}.`,
    '',
    '| model | batch | native samples/s | s/epoch | test acc. | infer samples/s | RSS MB | GFLOP/s (of peak) | PyTorch samples/s | native ÷ PyTorch | PyTorch infer/s | infer ÷ PyTorch | TF.js samples/s | native ÷ TF.js |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const template of ['mnist-cnn', 'mnist-mlp']) {
    const loaded = parseModelFile(
      readFileSync(new URL(`../../assets/templates/${template}.json`, import.meta.url), 'utf8'),
    );
    const compiled = loaded.ok ? compileGraph(loaded.model.graph) : undefined;
    const flops = compiled?.ok ? flopsPerSample(compiled.plan) : undefined;
    for (const batch of [32, 128]) {
      console.log(`bench: ${template} batch ${batch}`);
      const native = child('npx', [
        'tsx',
        'worker-native/bench/train-native.ts',
        template,
        String(batch),
        String(THREADS),
      ]);
      const cnn = template === 'mnist-cnn';
      const tfjs = child('npx', [
        'tsx',
        'worker-native/bench/train-tfjs.ts',
        template,
        String(batch),
        String(cnn ? 2 * batch : 100 * batch),
        cnn ? '256' : '5120',
      ]);
      const torch = python
        ? child(
            python,
            [
              'scripts/bench/torch_mnist.py',
              cnn ? 'cnn' : 'mlp',
              String(batch),
              String(THREADS),
              String(cnn ? 9600 : 60000),
              '10000',
            ],
            {
              OMP_NUM_THREADS: String(THREADS),
              OPENBLAS_NUM_THREADS: '1',
            },
          )
        : undefined;
      const gflops = native && flops ? (native.train_samples_per_s * flops.training) / 1e9 : undefined;
      const ofPeak =
        gflops !== undefined && peakGflops ? ` (${Math.round((gflops / peakGflops) * 100)}%)` : '';
      lines.push(
        `| ${template} | ${batch} | ${fmt(native?.train_samples_per_s)} | ${fmt(native?.epoch_seconds, 2)} | ${native ? `${(native.test_accuracy * 100).toFixed(2)}%` : '–'} | ${fmt(native?.infer_samples_per_s)} | ${fmt(native?.peak_rss_mb)} | ${fmt(gflops, 1)}${ofPeak} | ${fmt(torch?.train_samples_per_s)} | ${ratio(native?.train_samples_per_s, torch?.train_samples_per_s)} | ${fmt(torch?.infer_samples_per_s)} | ${ratio(native?.infer_samples_per_s, torch?.infer_samples_per_s)} | ${fmt(tfjs?.train_samples_per_s, 1)} | ${ratio(native?.train_samples_per_s, tfjs?.train_samples_per_s)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Issue targets for the runtime: <= 5% below the bare core, metrics within 250 ms, < 600 MB RSS. */
export function benchRuntime(): string {
  const lines = [
    'The same CNN epoch (batch 32, 2 threads) through the full runtime (worker thread, events) and through a bare loop over the addon.',
    '',
    '| path | samples/s | runtime cost | largest gap between batch events | process peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const bare = child('npx', [
    'tsx',
    'worker-native/bench/train-native.ts',
    'mnist-cnn',
    '32',
    String(THREADS),
  ]);
  const runtime = child('npx', ['tsx', 'scripts/bench/runtime-run.ts', 'mnist-cnn', '32']);
  const cost =
    bare && runtime
      ? `${(((bare.train_samples_per_s - runtime.train_samples_per_s) / bare.train_samples_per_s) * 100).toFixed(1)}%`
      : '–';
  lines.push(`| bare addon loop | ${fmt(bare?.train_samples_per_s)} | – | – | ${fmt(bare?.peak_rss_mb)} |`);
  lines.push(
    `| runtime (session) | ${fmt(runtime?.train_samples_per_s)} | ${cost} | ${fmt(runtime?.max_event_gap_ms)} ms | ${fmt(runtime?.peak_rss_mb)} |`,
  );
  return lines.join('\n');
}
