// Reads a run's curves the way the seed tutorial's FAQ does and names what went wrong: overfitting,
// underfitting, a learning rate too high or too low. Pure: it takes the epoch records (and, when there
// are any, the batch losses) a run keeps and returns findings with the numbers behind each, plus the
// remedies (engine/training/remedies.ts) that address it. docs/diagnosis.md explains every threshold.
import { hasDiverged } from './divergence';

/** One epoch of a run, as RunRecord and the model file keep it (accuracies from 0 to 1). */
export interface DiagnosisEpoch {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly val_loss: number | null;
  readonly val_accuracy: number | null;
}

export interface DiagnosisBatch {
  readonly epoch: number;
  readonly loss: number;
}

export interface DiagnosisHistory {
  readonly epochs: readonly DiagnosisEpoch[];
  /** Per-batch training losses in order, when the run has them. */
  readonly batches?: readonly DiagnosisBatch[];
  /** Training accuracy below this counts as low for underfitting (default: 0.9, for 10-class images). */
  readonly lowAccuracy?: number;
}

export type FindingKind = 'overfitting' | 'underfitting' | 'learning_rate_too_high' | 'learning_rate_too_low';

export type RemedyId =
  'add_dropout' | 'early_stopping' | 'halve_learning_rate' | 'double_learning_rate' | 'add_conv_block';

/** Which rule fired; the UI words each one with its evidence. */
export type FindingRule =
  | 'val_loss_rising'
  | 'accuracy_gap'
  | 'flat_low_accuracy'
  | 'diverged'
  | 'loss_spikes'
  | 'loss_rising'
  | 'loss_flat_epochs'
  | 'loss_flat_batches';

export interface Finding {
  readonly kind: FindingKind;
  readonly rule: FindingRule;
  /** The numbers behind the finding: epochs, losses, accuracies in percentage points. */
  readonly evidence: Readonly<Record<string, number>>;
  readonly remedies: readonly RemedyId[];
}

/** Validation loss must rise (and training loss fall) for at least this many epochs in a row. */
export const OVERFIT_RISING_EPOCHS = 2;
/** A train-minus-validation accuracy gap above this many points, and wider than at epoch 1. */
export const OVERFIT_GAP_POINTS = 5;
/** Underfitting: training accuracy gained less than this many points over the last 3 epochs... */
export const FLAT_GAIN_POINTS = 1;
export const FLAT_WINDOW_EPOCHS = 3;
/** ...and is below this (90% suits 10-class image data such as MNIST; pass another for other data). */
export const LOW_ACCURACY = 0.9;
/** A spike: a batch loss above this multiple of the median of the batches before it... */
export const SPIKE_FACTOR = 3;
/** ...over this many previous batches (at least SPIKE_MIN_HISTORY of them)... */
export const SPIKE_WINDOW = 20;
export const SPIKE_MIN_HISTORY = 10;
/** ...happening at least this many times. */
export const SPIKE_COUNT = 3;
/** Training loss rising for this many epochs in a row means the rate is too high. */
export const LOSS_RISING_EPOCHS = 2;
/** "Barely moving": less than this relative drop in loss. */
export const FLAT_LOSS_RELATIVE = 0.01;
/** Batches averaged at each end of the first epoch when judging the batch losses. */
export const FLAT_BATCH_EDGE = 10;

const points = (fraction: number) => Math.round(fraction * 1000) / 10;
const round = (value: number) => Number(value.toPrecision(4));

export function diagnose(history: DiagnosisHistory): Finding[] {
  const epochs = [...history.epochs].sort((a, b) => a.epoch - b.epoch);
  const batches = history.batches ?? [];
  const low = history.lowAccuracy ?? LOW_ACCURACY;
  const findings: Finding[] = [];
  const high = rateTooHigh(epochs, batches);
  if (high !== null) findings.push(high);
  else {
    const tooLow = rateTooLow(epochs, batches, low);
    if (tooLow !== null) findings.push(tooLow);
  }
  const over = overfitting(epochs);
  if (over !== null) findings.push(over);
  const under = underfitting(epochs, low, high !== null);
  if (under !== null) findings.push(under);
  return findings;
}

/** The length of the run of epochs, ending at the last one, for which `step(previous, current)` holds. */
function trailingRun(
  epochs: readonly DiagnosisEpoch[],
  step: (a: DiagnosisEpoch, b: DiagnosisEpoch) => boolean,
) {
  let n = 0;
  for (
    let i = epochs.length - 1;
    i > 0 && step(epochs[i - 1] as DiagnosisEpoch, epochs[i] as DiagnosisEpoch);
    i--
  )
    n++;
  return n;
}

function overfitting(epochs: readonly DiagnosisEpoch[]): Finding | null {
  const remedies: RemedyId[] = ['add_dropout', 'early_stopping'];
  const rising = trailingRun(
    epochs,
    (a, b) => a.val_loss !== null && b.val_loss !== null && b.val_loss > a.val_loss && b.loss < a.loss,
  );
  const last = epochs.at(-1);
  if (last === undefined) return null;
  if (rising >= OVERFIT_RISING_EPOCHS) {
    const from = epochs[epochs.length - 1 - rising] as DiagnosisEpoch;
    return {
      kind: 'overfitting',
      rule: 'val_loss_rising',
      evidence: {
        epochs: rising,
        from_epoch: from.epoch,
        to_epoch: last.epoch,
        val_loss_from: round(from.val_loss as number),
        val_loss_to: round(last.val_loss as number),
        loss_from: round(from.loss),
        loss_to: round(last.loss),
      },
      remedies,
    };
  }
  const first = epochs[0] as DiagnosisEpoch;
  if (epochs.length < 2 || first.val_accuracy === null || last.val_accuracy === null) return null;
  const gap = points(last.accuracy - last.val_accuracy);
  const firstGap = points(first.accuracy - first.val_accuracy);
  if (gap > OVERFIT_GAP_POINTS && gap > firstGap) {
    return {
      kind: 'overfitting',
      rule: 'accuracy_gap',
      evidence: {
        epoch: last.epoch,
        gap_points: gap,
        first_gap_points: firstGap,
        accuracy: points(last.accuracy),
        val_accuracy: points(last.val_accuracy),
      },
      remedies,
    };
  }
  return null;
}

function underfitting(epochs: readonly DiagnosisEpoch[], low: number, rateHigh: boolean): Finding | null {
  if (epochs.length < FLAT_WINDOW_EPOCHS) return null;
  const last = epochs.at(-1) as DiagnosisEpoch;
  const start = epochs[epochs.length - FLAT_WINDOW_EPOCHS] as DiagnosisEpoch;
  const gain = points(last.accuracy - start.accuracy);
  if (gain >= FLAT_GAIN_POINTS || last.accuracy >= low) return null;
  return {
    kind: 'underfitting',
    rule: 'flat_low_accuracy',
    evidence: {
      from_epoch: start.epoch,
      to_epoch: last.epoch,
      gain_points: gain,
      accuracy: points(last.accuracy),
      threshold: points(low),
    },
    // A rate already too high is not raised further; a bigger model is always worth a try.
    remedies: rateHigh ? ['add_conv_block'] : ['add_conv_block', 'double_learning_rate'],
  };
}

function rateTooHigh(epochs: readonly DiagnosisEpoch[], batches: readonly DiagnosisBatch[]): Finding | null {
  const remedies: RemedyId[] = ['halve_learning_rate'];
  const firstLoss = batches[0]?.loss ?? epochs[0]?.loss ?? 1;
  const badBatch = batches.findIndex((b) => hasDiverged(b.loss, firstLoss));
  const badEpoch = epochs.find((e) => !Number.isFinite(e.loss) || hasDiverged(e.loss, firstLoss));
  if (badBatch >= 0 || badEpoch !== undefined) {
    const epoch =
      badBatch >= 0 ? (batches[badBatch] as DiagnosisBatch).epoch : (badEpoch as DiagnosisEpoch).epoch;
    return { kind: 'learning_rate_too_high', rule: 'diverged', evidence: { epoch }, remedies };
  }
  const spikes = countSpikes(batches);
  if (spikes.count >= SPIKE_COUNT)
    return {
      kind: 'learning_rate_too_high',
      rule: 'loss_spikes',
      evidence: { spikes: spikes.count, largest_factor: round(spikes.largest), factor: SPIKE_FACTOR },
      remedies,
    };
  const rising = trailingRun(epochs, (a, b) => b.loss > a.loss);
  if (rising >= LOSS_RISING_EPOCHS) {
    const from = epochs[epochs.length - 1 - rising] as DiagnosisEpoch;
    const last = epochs.at(-1) as DiagnosisEpoch;
    return {
      kind: 'learning_rate_too_high',
      rule: 'loss_rising',
      evidence: {
        epochs: rising,
        from_epoch: from.epoch,
        to_epoch: last.epoch,
        loss_from: round(from.loss),
        loss_to: round(last.loss),
      },
      remedies,
    };
  }
  return null;
}

/** Batches whose loss exceeds SPIKE_FACTOR times the median of up to SPIKE_WINDOW batches before them. */
export function countSpikes(batches: readonly DiagnosisBatch[]): { count: number; largest: number } {
  let count = 0;
  let largest = 0;
  // The previous SPIKE_WINDOW losses, kept sorted: a run's 20,000 batches cost no sort per batch.
  const window: number[] = [];
  // Non-finite losses are the divergence rule's; here they would break the window's bookkeeping.
  const losses = batches.map((b) => b.loss).filter((loss) => Number.isFinite(loss));
  losses.forEach((loss, i) => {
    if (window.length >= SPIKE_MIN_HISTORY) {
      const m = median(window);
      const ratio = m > 0 ? loss / m : 0;
      if (ratio > SPIKE_FACTOR) {
        count++;
        largest = Math.max(largest, ratio);
      }
    }
    if (i >= SPIKE_WINDOW) window.splice(window.indexOf(losses[i - SPIKE_WINDOW] as number), 1);
    window.splice(sortedIndex(window, loss), 0, loss);
  });
  return { count, largest };
}

function sortedIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The median of an already sorted list. */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function rateTooLow(
  epochs: readonly DiagnosisEpoch[],
  batches: readonly DiagnosisBatch[],
  low: number,
): Finding | null {
  const remedies: RemedyId[] = ['double_learning_rate'];
  // A model already accurate has converged, not stalled.
  const last = epochs.at(-1);
  if (last !== undefined && last.accuracy >= low) return null;
  if (epochs.length >= 2) {
    // From the start: no epoch lowered the loss by FLAT_LOSS_RELATIVE of the one before.
    const drops = epochs.slice(1).map((e, i) => {
      const before = (epochs[i] as DiagnosisEpoch).loss;
      return before > 0 ? (before - e.loss) / before : 0;
    });
    const largest = Math.max(...drops);
    if (largest < FLAT_LOSS_RELATIVE)
      return {
        kind: 'learning_rate_too_low',
        rule: 'loss_flat_epochs',
        evidence: {
          epochs: epochs.length,
          largest_drop_percent: round(largest * 100),
          loss_from: round((epochs[0] as DiagnosisEpoch).loss),
          loss_to: round((last as DiagnosisEpoch).loss),
        },
        remedies,
      };
    return null;
  }
  // One epoch or less: compare the start and the end of the first epoch's batches.
  const firstEpoch = batches.filter((b) => b.epoch === (batches[0]?.epoch ?? 1)).map((b) => b.loss);
  if (firstEpoch.length < 2 * FLAT_BATCH_EDGE) return null;
  const head = mean(firstEpoch.slice(0, FLAT_BATCH_EDGE));
  const tail = mean(firstEpoch.slice(-FLAT_BATCH_EDGE));
  const drop = head > 0 ? (head - tail) / head : 0;
  if (drop >= FLAT_LOSS_RELATIVE) return null;
  return {
    kind: 'learning_rate_too_low',
    rule: 'loss_flat_batches',
    evidence: {
      batches: firstEpoch.length,
      drop_percent: round(drop * 100),
      loss_from: round(head),
      loss_to: round(tail),
    },
    remedies,
  };
}
