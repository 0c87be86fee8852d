// The curve rules, each with a case that fires and the near misses that must not.
import { describe, expect, it } from 'vitest';
import { countSpikes, diagnose, type DiagnosisBatch, type DiagnosisEpoch } from './diagnosis';

/** Epochs from [loss, accuracy, val_loss, val_accuracy] rows (validation null when absent). */
const epochs = (...rows: [number, number, number | null, number | null][]): DiagnosisEpoch[] =>
  rows.map(([loss, accuracy, val_loss, val_accuracy], i) => ({
    epoch: i + 1,
    loss,
    accuracy,
    val_loss,
    val_accuracy,
  }));

const batches = (losses: readonly number[], epoch = 1): DiagnosisBatch[] =>
  losses.map((loss) => ({ epoch, loss }));

/** A healthy run: both losses fall, accuracies close, high. */
const healthy = epochs(
  [0.3, 0.91, 0.15, 0.955],
  [0.12, 0.965, 0.1, 0.97],
  [0.08, 0.976, 0.085, 0.974],
  [0.06, 0.982, 0.08, 0.977],
);

const kinds = (e: DiagnosisEpoch[], b?: DiagnosisBatch[]) =>
  diagnose(b === undefined ? { epochs: e } : { epochs: e, batches: b }).map((f) => `${f.kind}/${f.rule}`);

describe('diagnose', () => {
  it('finds nothing in a healthy run, an empty one, or a one-epoch one', () => {
    expect(kinds(healthy)).toEqual([]);
    expect(kinds([])).toEqual([]);
    expect(kinds(healthy.slice(0, 1))).toEqual([]);
  });

  it('finds overfitting when validation loss rises 2 epochs in a row while training loss falls', () => {
    const run = epochs(
      [0.5, 0.85, 0.4, 0.88],
      [0.3, 0.91, 0.35, 0.9],
      [0.2, 0.93, 0.37, 0.9],
      [0.1, 0.94, 0.42, 0.9],
    );
    const [finding] = diagnose({ epochs: run });
    expect(finding).toEqual({
      kind: 'overfitting',
      rule: 'val_loss_rising',
      evidence: {
        epochs: 2,
        from_epoch: 2,
        to_epoch: 4,
        val_loss_from: 0.35,
        val_loss_to: 0.42,
        loss_from: 0.3,
        loss_to: 0.1,
      },
      remedies: ['add_dropout', 'early_stopping'],
    });
  });

  it.each([
    [
      'one rising epoch only',
      epochs([0.5, 0.85, 0.4, 0.86], [0.3, 0.88, 0.35, 0.87], [0.2, 0.89, 0.37, 0.88]),
    ],
    [
      'validation loss rising with training loss rising too',
      epochs(
        [0.5, 0.85, 0.4, 0.86],
        [0.3, 0.88, 0.35, 0.87],
        [0.32, 0.88, 0.37, 0.87],
        [0.33, 0.88, 0.4, 0.87],
      ),
    ],
    ['no validation', epochs([0.5, 0.95, null, null], [0.3, 0.99, null, null], [0.1, 1, null, null])],
  ])('does not call overfitting: %s', (_name, run) => {
    expect(diagnose({ epochs: run }).filter((f) => f.kind === 'overfitting')).toEqual([]);
  });

  it('finds overfitting from an accuracy gap above 5 points that has grown', () => {
    const run = epochs([0.6, 0.8, 0.5, 0.8], [0.2, 0.95, 0.45, 0.86], [0.05, 0.99, 0.44, 0.88]);
    const [finding] = diagnose({ epochs: run });
    expect(finding?.rule).toBe('accuracy_gap');
    expect(finding?.evidence).toMatchObject({ epoch: 3, gap_points: 11, first_gap_points: 0 });
  });

  it('does not call a gap of 5 points or one that has not grown overfitting', () => {
    const narrow = epochs([0.6, 0.8, 0.5, 0.8], [0.2, 0.95, 0.45, 0.9], [0.1, 0.96, 0.44, 0.91]);
    expect(kinds(narrow)).toEqual([]);
    const steady = epochs([0.6, 0.9, 0.5, 0.8], [0.2, 0.95, 0.45, 0.85], [0.1, 0.96, 0.44, 0.86]);
    expect(kinds(steady)).toEqual([]);
  });

  it('finds underfitting when training accuracy is flat and low over the last 3 epochs', () => {
    const run = epochs(
      [1.2, 0.6, 1.1, 0.62],
      [1.0, 0.7, 1.0, 0.7],
      [0.95, 0.72, 0.97, 0.72],
      [0.94, 0.725, 0.96, 0.725],
    );
    // Still gaining 2.5 points over the last 3 epochs: not flat.
    expect(kinds(run)).toEqual([]);
    const flat = epochs(
      [1.2, 0.6, 1.1, 0.62],
      [1.0, 0.7, 1.0, 0.7],
      [0.99, 0.703, 0.99, 0.7],
      [0.98, 0.705, 0.985, 0.7],
    );
    expect(diagnose({ epochs: flat })).toEqual([
      {
        kind: 'underfitting',
        rule: 'flat_low_accuracy',
        evidence: { from_epoch: 2, to_epoch: 4, gain_points: 0.5, accuracy: 70.5, threshold: 90 },
        remedies: ['add_conv_block', 'double_learning_rate'],
      },
    ]);
  });

  it('does not call a flat but accurate run underfitting, and honours another threshold', () => {
    const flatHigh = epochs([0.1, 0.97, 0.1, 0.97], [0.09, 0.975, 0.09, 0.975], [0.085, 0.978, 0.09, 0.976]);
    expect(kinds(flatHigh)).toEqual([]);
    const flatMid = epochs([0.9, 0.6, 0.9, 0.6], [0.85, 0.605, 0.86, 0.6], [0.84, 0.606, 0.85, 0.6]);
    expect(diagnose({ epochs: flatMid, lowAccuracy: 0.5 })).toEqual([]);
  });

  it('finds a learning rate too high when the loss diverges, in an epoch or a batch', () => {
    const nan = epochs([2.3, 0.1, null, null], [Number.NaN, 0.1, null, null]);
    expect(diagnose({ epochs: nan })[0]).toMatchObject({
      kind: 'learning_rate_too_high',
      rule: 'diverged',
      evidence: { epoch: 2 },
      remedies: ['halve_learning_rate'],
    });
    const exploding = batches([2.3, 40, 1e9]);
    expect(diagnose({ epochs: [], batches: exploding })[0]?.rule).toBe('diverged');
  });

  it('finds a learning rate too high from 3 batch losses above 3x their running median', () => {
    const base = Array.from({ length: 60 }, (_, i) => 1 - i * 0.005);
    const spiky = base.map((v, i) => (i === 20 || i === 35 || i === 50 ? v * 5 : v));
    expect(countSpikes(batches(spiky)).count).toBe(3);
    const [finding] = diagnose({ epochs: [], batches: batches(spiky) });
    expect(finding?.rule).toBe('loss_spikes');
    expect(finding?.evidence.spikes).toBe(3);
    const twoSpikes = base.map((v, i) => (i === 20 || i === 35 ? v * 5 : v));
    expect(kinds([], batches(twoSpikes))).toEqual([]);
    const mild = base.map((v, i) => (i % 15 === 0 ? v * 2.5 : v));
    expect(kinds([], batches(mild))).toEqual([]);
  });

  it('counts spikes like a plain median over the previous 20 batches, skipping non-finite losses', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const losses = Array.from({ length: 500 }, () => (random() < 0.05 ? 4 + 4 * random() : 0.5 + random()));
    const reference = { count: 0, largest: 0 };
    for (let i = 10; i < losses.length; i++) {
      const w = losses.slice(Math.max(0, i - 20), i).sort((a, b) => a - b);
      const m =
        w.length % 2
          ? (w[w.length >> 1] as number)
          : ((w[w.length / 2 - 1] as number) + (w[w.length / 2] as number)) / 2;
      const ratio = (losses[i] as number) / m;
      if (ratio > 3) {
        reference.count++;
        reference.largest = Math.max(reference.largest, ratio);
      }
    }
    expect(reference.count).toBeGreaterThan(3);
    expect(countSpikes(batches(losses))).toEqual(reference);
    const withNaN = [...losses.slice(0, 250), Number.NaN, ...losses.slice(250)];
    expect(countSpikes(batches(withNaN))).toEqual(reference);
  });

  it('finds a learning rate too high when training loss rises 2 epochs in a row', () => {
    const run = epochs(
      [0.5, 0.85, 0.5, 0.85],
      [0.4, 0.88, 0.45, 0.87],
      [0.6, 0.82, 0.6, 0.82],
      [0.9, 0.75, 0.9, 0.75],
    );
    const found = diagnose({ epochs: run });
    expect(found[0]).toMatchObject({
      kind: 'learning_rate_too_high',
      rule: 'loss_rising',
      evidence: { epochs: 2, from_epoch: 2, to_epoch: 4 },
    });
    // One rising epoch is noise.
    expect(kinds(run.slice(0, 3)).filter((k) => k.startsWith('learning_rate'))).toEqual([]);
  });

  it('finds a learning rate too low when no epoch lowers the loss by 1%', () => {
    const run = epochs([2.3, 0.11, 2.3, 0.1], [2.295, 0.115, 2.296, 0.11], [2.29, 0.113, 2.292, 0.11]);
    const found = diagnose({ epochs: run });
    expect(found[0]).toMatchObject({
      kind: 'learning_rate_too_low',
      rule: 'loss_flat_epochs',
      remedies: ['double_learning_rate'],
    });
    // Underfitting is reported beside it (flat and low accuracy).
    expect(found.map((f) => f.kind)).toEqual(['learning_rate_too_low', 'underfitting']);
  });

  it('finds a learning rate too low within the first epoch from its batches', () => {
    const flat = Array.from({ length: 40 }, (_, i) => 2.302 - i * 0.0001);
    expect(diagnose({ epochs: [], batches: batches(flat) })[0]).toMatchObject({
      kind: 'learning_rate_too_low',
      rule: 'loss_flat_batches',
    });
    const learning = Array.from({ length: 40 }, (_, i) => 2.3 * Math.exp(-i / 20));
    expect(kinds([], batches(learning))).toEqual([]);
    // Too few batches to judge.
    expect(kinds([], batches(flat.slice(0, 19)))).toEqual([]);
  });

  it('does not call a converged, accurate run a rate too low', () => {
    const converged = epochs([0.02, 0.995, 0.05, 0.985], [0.0199, 0.995, 0.05, 0.985]);
    expect(kinds(converged)).toEqual([]);
  });
});
