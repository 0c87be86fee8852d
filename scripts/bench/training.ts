// The training benchmark of `npm run bench`: the native core, TensorFlow.js and (where installed)
// PyTorch on the MNIST CNN and MLP templates at batch 32 and 128, each in its own process, same
// thread count, side by side. Returns markdown.
import { spawnSync } from 'node:child_process';
import { templatePlan } from '../../worker-native/bench/bench-data';
import { flopsPerSample } from '../../worker-native/bench/flops';
import { child, type Row } from './child';

const THREADS = 2;
const root = new URL('../../', import.meta.url).pathname;

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

interface TorchLayer {
  name: string;
  forward_ms: number;
  backward_ms: number;
}
interface NativeLayer {
  name: string;
  type: string;
  forward: number;
  backward: number;
}
type Measured = { native?: Row; torch?: Row; torchLayout?: string; tfjs?: Row };
const ROUNDS = 2;
const CASES = [
  { template: 'mnist-cnn', batch: 32 },
  { template: 'mnist-cnn', batch: 128 },
  { template: 'mnist-mlp', batch: 32 },
  { template: 'mnist-mlp', batch: 128 },
] as const;

/** Two-thread SGEMM peak (1024^3, from worker-native/test/bench_gemm.cc): the floor's denominator. */
function gemmPeak(): number | undefined {
  const run = spawnSync('bash', ['worker-native/test/run.sh', '--bench', 'no-test-matches-this'], {
    cwd: root,
    encoding: 'utf8',
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('1024^3 NN'));
  const value = Number(line?.trim().split(/\s+/).at(-2));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function native(template: string, batch: number): Row | undefined {
  return child('npx', [
    'tsx',
    'worker-native/bench/train-native.ts',
    template,
    String(batch),
    String(THREADS),
  ]);
}

/** PyTorch in both memory layouts; the faster wins (channels_last, with oneDNN, for the CNN). */
function torchBest(python: string, template: string, batch: number): { row?: Row; layout?: string } {
  const cnn = template === 'mnist-cnn';
  const layouts = cnn ? ['nchw', 'channels_last'] : ['nchw'];
  let best: { row?: Row; layout?: string } = {};
  let bestInfer: number | undefined;
  for (const layout of layouts) {
    const row = child(
      python,
      [
        'scripts/bench/torch_mnist.py',
        cnn ? 'cnn' : 'mlp',
        String(batch),
        String(THREADS),
        String(cnn ? 9600 : 60000),
        '10000',
        layout,
      ],
      { OMP_NUM_THREADS: String(THREADS), OPENBLAS_NUM_THREADS: '1' },
    );
    if (row === undefined) continue;
    if (best.row === undefined || row.train_samples_per_s > best.row.train_samples_per_s)
      best = { row, layout };
    bestInfer = Math.max(bestInfer ?? 0, row.infer_samples_per_s ?? 0);
  }
  // Inference, too, is PyTorch's best of the layouts.
  if (best.row) best.row = { ...best.row, infer_samples_per_s: bestInfer };
  return best;
}

function tfjs(template: string, batch: number): Row | undefined {
  const cnn = template === 'mnist-cnn';
  return child('npx', [
    'tsx',
    'worker-native/bench/train-tfjs.ts',
    template,
    String(batch),
    String(cnn ? 2 * batch : 100 * batch),
    cnn ? '256' : '5120',
  ]);
}

const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n * 100)}%`);

export function benchTraining(): string {
  const python = torchPython();
  const peak = gemmPeak();
  const flops = new Map<string, number>();
  for (const { template } of CASES) {
    flops.set(template, flopsPerSample(templatePlan(template)).training);
  }
  // Rounds one after the other, each case's frameworks back to back; TF.js (minutes per case) once.
  const rounds: Measured[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rounds.push(
      CASES.map(({ template, batch }) => {
        console.log(`bench: round ${round + 1}, ${template} batch ${batch}`);
        const measured: Measured = { native: native(template, batch) };
        if (python) {
          const torch = torchBest(python, template, batch);
          measured.torch = torch.row;
          measured.torchLayout = torch.layout;
        }
        if (round === 0) measured.tfjs = tfjs(template, batch);
        return measured;
      }),
    );
  }

  const lines = [
    `Threads: ${THREADS} for every framework. Native: one full 60k epoch of MNIST (Adam 1e-3, the JavaScript batch gather included), then the 10k test set.`,
    `PyTorch ${python ? `(${python}, OMP_NUM_THREADS=${THREADS}, OPENBLAS_NUM_THREADS=1, torch.set_num_threads(${THREADS})), the faster of NCHW and channels_last (oneDNN) for the CNN, on 9,600 samples of random images; inference in batches of 64, its fastest` : 'is not installed here (`apt-get install -y python3-torch`)'}.`,
    'TF.js (pure-JS CPU backend): part of an epoch, extrapolated, first run only (minutes per case).',
    `Floor: the training FLOPs of an epoch (${[...flops].map(([t, f]) => `${t} ${(f / 1e6).toFixed(2)} MFLOP/sample`).join(', ')}) at the machine's two-thread SGEMM peak${peak ? ` (${peak.toFixed(0)} GFLOP/s, 1024³)` : ''}; "of floor" is that time over the measured epoch.`,
    '',
    '| run | model | batch | native samples/s | s/epoch | of floor | test acc. | RSS MB | PyTorch samples/s (layout) | native ÷ PyTorch | native infer/s | PyTorch infer/s | infer ÷ PyTorch | TF.js samples/s | native ÷ TF.js |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  rounds.forEach((round, r) => {
    round.forEach((m, i) => {
      const { template, batch } = CASES[i] as (typeof CASES)[number];
      const floorSeconds = peak ? ((flops.get(template) ?? 0) * 60_000) / (peak * 1e9) : undefined;
      const ofFloor =
        floorSeconds && m.native?.epoch_seconds ? floorSeconds / m.native.epoch_seconds : undefined;
      const tf = m.tfjs ?? rounds[0]?.[i]?.tfjs;
      lines.push(
        `| ${r + 1} | ${template} | ${batch} | ${fmt(m.native?.train_samples_per_s)} | ${fmt(m.native?.epoch_seconds, 2)} | ${pct(ofFloor)} | ${m.native ? `${(m.native.test_accuracy * 100).toFixed(2)}%` : '–'} | ${fmt(m.native?.peak_rss_mb)} | ${fmt(m.torch?.train_samples_per_s)}${m.torchLayout ? ` (${m.torchLayout})` : ''} | ${ratio(m.native?.train_samples_per_s, m.torch?.train_samples_per_s)} | ${fmt(m.native?.infer_samples_per_s)} | ${fmt(m.torch?.infer_samples_per_s)} | ${ratio(m.native?.infer_samples_per_s, m.torch?.infer_samples_per_s)} | ${fmt(tf?.train_samples_per_s, 1)} | ${ratio(m.native?.train_samples_per_s, tf?.train_samples_per_s)} |`,
      );
    });
  });

  lines.push('', ...targets(rounds), '', ...layerTable(rounds.at(-1)?.[0]));
  return lines.join('\n');
}

/** Issue 15's targets, each judged on every run. */
function targets(rounds: Measured[][]): string[] {
  const at = (i: number) => rounds.map((round) => round[i] as Measured);
  const check = (
    name: string,
    values: (number | undefined)[],
    goal: number,
    unit: (v: number) => string,
    atMost = false,
  ) => {
    const known = values.filter((v): v is number => v !== undefined);
    const held = known.length === values.length && known.every((v) => (atMost ? v < goal : v >= goal));
    return `| ${name} | ${atMost ? '<' : '≥'} ${unit(goal)} | ${values.map((v) => (v === undefined ? '–' : unit(v))).join(' / ')} | ${held ? 'met' : 'not met'} |`;
  };
  const speed = (m: Measured) =>
    m.native && m.torch ? m.native.train_samples_per_s / m.torch.train_samples_per_s : undefined;
  const infer = (m: Measured) =>
    m.native?.infer_samples_per_s && m.torch?.infer_samples_per_s
      ? m.native.infer_samples_per_s / m.torch.infer_samples_per_s
      : undefined;
  const x = (v: number) => `${v.toFixed(2)}x`;
  return [
    `Targets (issue 15), judged on each of the ${rounds.length} runs above:`,
    '',
    '| target | goal | runs | held in every run |',
    '| --- | --- | --- | --- |',
    check('CNN training, batch 32, ÷ PyTorch', at(0).map(speed), 2, x),
    check('CNN training, batch 128, ÷ PyTorch', at(1).map(speed), 2, x),
    check('CNN inference ÷ PyTorch', at(0).map(infer), 4, x),
    check('MLP training, batch 32, ÷ PyTorch', at(2).map(speed), 2.5, x),
    check(
      'CNN test accuracy after one epoch, batch 32',
      at(0).map((m) => m.native?.test_accuracy),
      0.983,
      (v) => `${(v * 100).toFixed(2)}%`,
    ),
    check(
      'CNN epoch peak RSS',
      at(0)
        .concat(at(1))
        .map((m) => m.native?.peak_rss_mb),
      300,
      (v) => `${v.toFixed(0)} MB`,
      true,
    ),
  ];
}

/** Milliseconds per batch of 32 by layer: ours (the core's own timers) and PyTorch's profiler. */
function layerTable(m: Measured | undefined): string[] {
  const ours = (m?.native?.layers ?? []) as unknown as NativeLayer[];
  if (ours.length === 0) return [];
  const steps = 60_000 / 32;
  const torchLayers = ((m?.torch as Record<string, unknown> | undefined)?.layers ?? []) as TorchLayer[];
  const torchOf = (name: string, key: 'forward_ms' | 'backward_ms') => {
    const parts = torchLayers.filter((l) => l.name === name || l.name.startsWith(`${name}/`));
    return parts.length ? parts.reduce((s, l) => s + l[key], 0) : undefined;
  };
  const ms = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(3));
  const rows = ours.map((l) => {
    const tf = torchOf(l.name, 'forward_ms');
    const tb = torchOf(l.name, 'backward_ms');
    return `| ${l.name} (${l.type}) | ${ms((l.forward * 1000) / steps)} | ${ms((l.backward * 1000) / steps)} | ${ms(tf)} | ${ms(tb)} |`;
  });
  const n: Partial<Row> = m?.native ?? {};
  const torchOptimizer = (m?.torch as Record<string, unknown> | undefined)?.optimizer_ms as
    number | undefined;
  return [
    `Time per batch of 32 by layer, seed CNN, last run (ms). Ours: the core's own per-node timers over the epoch (a Conv2D includes its ReLU; the batch gather in JavaScript is not in the table). PyTorch: torch.profiler over ${Math.max(10, Math.floor(1920 / 32))} steps in its faster layout (${m?.torchLayout ?? '–'}), each backward op given to the layer whose forward op has its sequence number; the profiler adds its own overhead to every op.`,
    '',
    '| layer | ours forward | ours backward | PyTorch forward | PyTorch backward |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    `| loss | ${ms(((n.loss_seconds ?? 0) * 1000) / steps)} | – | – | – |`,
    `| optimizer (Adam) | ${ms(((n.optimizer_seconds ?? 0) * 1000) / steps)} | – | ${ms(torchOptimizer)} | – |`,
    `| batch in, gradients zeroed | ${ms(((n.other_seconds ?? 0) * 1000) / steps)} | – | – | – |`,
  ];
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
