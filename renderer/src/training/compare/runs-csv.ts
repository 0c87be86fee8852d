// The Runs table as CSV: one row per run, oldest first, with what it changed against the run before.
import { runFacts } from '../../../../engine/run-facts';
import type { RunRecord } from '../run-record';
import { toCsv } from './csv';
import { changeSummary, runChanges } from './run-changes';

/** Accuracies as fractions, times in seconds, the start as an ISO time; the first run changed nothing. */
export function runsCsv(runsOldestFirst: readonly RunRecord[], header: readonly string[]): string {
  return toCsv(
    header,
    runsOldestFirst.map((run, i) => {
      const previous = runsOldestFirst[i - 1];
      const facts = runFacts(run);
      return [
        run.label,
        new Date(run.startedAt).toISOString(),
        previous === undefined ? '' : changeSummary(runChanges(previous, run)),
        facts.epochs,
        facts.bestValAccuracy,
        facts.bestEpoch,
        facts.testAccuracy,
        facts.secondsPerEpoch,
        run.state,
      ];
    }),
  );
}
