// Turns `train` command-line flags into run settings (validated later with the rest of the run).
import type { TrainingRunInput } from '../../engine/api/run-settings';
import { parseAdjustFlag } from './adjust-flag';
import { UserError } from './user-error';

export interface TrainFlags {
  dataset?: string;
  epochs?: string;
  'batch-size'?: string;
  optimizer?: string;
  lr?: string;
  'validation-split'?: string;
  limit?: string;
  seed?: string;
  threads?: string;
  'memory-budget'?: string;
  /** Scripted adjustments, e.g. "epoch=2,lr=0.0003" (adjust-flag.ts); they replace the file's. */
  adjust?: string[];
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
};

/** `--memory-budget 4GiB` (or MiB, GB, MB..., or a number of bytes) as MiB for the run setting. */
export function memoryBudgetMb(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  const bytes = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!(bytes >= 2 ** 20) || bytes > 2 ** 44)
    throw new UserError([
      `layerwise train: --memory-budget must be a size from 1MiB to 16TiB such as 4GiB, 512MiB or a number of bytes, got '${value}'`,
    ]);
  return bytes / 2 ** 20;
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new UserError([`layerwise train: --${flag} must be a number, got '${value}'`]);
  return parsed;
}

export function runFromFlags(flags: TrainFlags, saved: Record<string, unknown> = {}): TrainingRunInput {
  const run: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => value !== undefined && (run[key] = value);
  set('dataset', flags.dataset);
  set('epochs', number('epochs', flags.epochs));
  set('batch_size', number('batch-size', flags['batch-size']));
  set('validation_split', number('validation-split', flags['validation-split']));
  set('limit', number('limit', flags.limit));
  set('seed', number('seed', flags.seed));
  set('threads', number('threads', flags.threads));
  set('memory_budget_mb', memoryBudgetMb(flags['memory-budget']));
  if (flags.adjust !== undefined && flags.adjust.length > 0)
    run.adjustments = flags.adjust.map(parseAdjustFlag);
  const lr = number('lr', flags.lr);
  if (flags.optimizer !== undefined || lr !== undefined) {
    const savedOptimizer = (saved.optimizer ?? {}) as { type?: string };
    const type = flags.optimizer ?? savedOptimizer.type ?? 'adam';
    if (!['sgd', 'adam', 'adamw', 'rmsprop'].includes(type))
      throw new UserError([
        `layerwise train: --optimizer must be sgd, adam, adamw or rmsprop, got '${type}'`,
      ]);
    run.optimizer = { type, ...(lr === undefined ? {} : { learning_rate: lr }) };
  }
  return run as TrainingRunInput;
}
