// The numbers a table of runs shows for each run: its best validation accuracy and the epoch it came
// at, its test accuracy and the mean seconds an epoch took.
export interface RunFactsInput {
  readonly epochs: readonly { readonly epoch: number; readonly val_accuracy: number | null }[];
  readonly result: { readonly test_accuracy: number; readonly epoch_seconds: readonly number[] } | null;
}

export interface RunFacts {
  readonly epochs: number;
  readonly bestValAccuracy: number | null;
  /** The first epoch that reached the best validation accuracy. */
  readonly bestEpoch: number | null;
  readonly testAccuracy: number | null;
  readonly secondsPerEpoch: number | null;
}

export function runFacts(run: RunFactsInput): RunFacts {
  let best: { epoch: number; value: number } | null = null;
  for (const p of run.epochs)
    if (
      p.val_accuracy !== null &&
      Number.isFinite(p.val_accuracy) &&
      (best === null || p.val_accuracy > best.value)
    )
      best = { epoch: p.epoch, value: p.val_accuracy };
  const seconds = run.result?.epoch_seconds ?? [];
  return {
    epochs: run.epochs.length,
    bestValAccuracy: best?.value ?? null,
    bestEpoch: best?.epoch ?? null,
    testAccuracy: run.result?.test_accuracy ?? null,
    secondsPerEpoch: seconds.length === 0 ? null : seconds.reduce((a, b) => a + b, 0) / seconds.length,
  };
}
