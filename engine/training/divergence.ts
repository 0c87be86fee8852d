// When a run has diverged. A loss that turns NaN or infinite has, and so has one that explodes while
// staying finite (SGD at lr 1e6 reaches 4.8e30 with 11% accuracy): the rule is optimizer-agnostic and
// judged against the first batch's loss, which is the untrained model's (trainBatch reports the loss of
// the forward pass, before the update).

/** How far above the first batch's loss (taken as at least 1) a batch loss may climb. */
export const DIVERGENCE_FACTOR = 1e6;
/** A batch loss above this has diverged whatever the first batch's loss was. */
export const DIVERGENCE_CEILING = 1e8;

/** The loss above which a run counts as diverged, given its first batch's loss. */
export function divergenceLimit(firstLoss: number): number {
  return Math.min(DIVERGENCE_CEILING, DIVERGENCE_FACTOR * Math.max(1, firstLoss));
}

export function hasDiverged(loss: number, firstLoss: number): boolean {
  return !Number.isFinite(loss) || loss > divergenceLimit(firstLoss);
}
