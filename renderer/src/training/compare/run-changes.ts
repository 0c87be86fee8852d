// What each run changed against the run of the same document before it, and the two runs of a
// comparison ordered older then newer. Words come from the engine's diffs.
import { diffGraphs, graphDiffTexts, type GraphDiff } from '../../../../engine/graph-diff';
import { diffSettings, settingText, type SettingDiff } from '../../../../engine/settings-diff';
import type { RunRecord } from '../run-record';

export interface RunChanges {
  /** null when either run has no graph kept (a run restored from an old file). */
  readonly graph: GraphDiff | null;
  readonly settings: readonly SettingDiff[];
}

export function runChanges(older: RunRecord, newer: RunRecord): RunChanges {
  return {
    graph: older.graph && newer.graph ? diffGraphs(older.graph, newer.graph) : null,
    settings: diffSettings(older.settings, newer.settings),
  };
}

/** The changes in words: the graph's ("+dropout", "dense: units 64 → 128"), then the settings'. */
export function changeTexts(changes: RunChanges): { graph: string[]; settings: string[] } {
  return {
    graph: changes.graph === null ? [] : graphDiffTexts(changes.graph),
    settings: changes.settings.map(settingText),
  };
}

/** Graph changes joined by ", ", then "; " and the settings': "+dropout, dense: units 64 → 128; lr 0.001 → 0.0005". */
export function changeSummary(changes: RunChanges): string {
  const { graph, settings } = changeTexts(changes);
  return [graph.join(', '), settings.join(', ')].filter((part) => part !== '').join('; ');
}

/** Each run's changes against the run before it (by start time); the first run has none (null). */
export function changesByRun(runsOldestFirst: readonly RunRecord[]): Map<string, RunChanges | null> {
  return new Map(
    runsOldestFirst.map((run, i) => {
      const previous = runsOldestFirst[i - 1];
      return [run.sessionId, previous === undefined ? null : runChanges(previous, run)];
    }),
  );
}

/** The two runs of a comparison, the one started first first. */
export const olderFirst = (a: RunRecord, b: RunRecord): [RunRecord, RunRecord] =>
  a.startedAt <= b.startedAt ? [a, b] : [b, a];
