// Which remedy buttons a diagnosis shows, worked out against the document as it is now: a graph remedy
// that does not apply (no hidden Dense, Dropout already there, a map too small for another block) and a
// settings one that changes nothing (early stopping already on) get no button.
import { analyzeGraph, type Graph } from '../../../engine';
import type { Finding, RemedyId } from '../../../engine/training/diagnosis';
import {
  applyGraphRemedy,
  applySettingsRemedy,
  isGraphRemedy,
  type GraphRemedy,
} from '../../../engine/training/remedies';
import type { TrainingSettings } from './run-settings-map';

export type RemedyOption =
  | {
      readonly kind: 'graph';
      readonly id: RemedyId;
      readonly edit: GraphRemedy;
      /** The user-facing name of the layer the edit anchors to. */
      readonly layer: string;
    }
  | {
      readonly kind: 'settings';
      readonly id: RemedyId;
      readonly next: TrainingSettings;
    };

export function remedyOptions(
  finding: Finding,
  graph: Graph | undefined,
  settings: TrainingSettings,
): RemedyOption[] {
  return finding.remedies.flatMap((id): RemedyOption[] => {
    if (isGraphRemedy(id)) {
      const edit = graph === undefined ? null : applyGraphRemedy(id, graph);
      if (edit === null || graph === undefined) return [];
      const layer = analyzeGraph(graph).byId.get(edit.anchor)?.name ?? edit.anchor;
      return [{ kind: 'graph', id, edit, layer }];
    }
    const next = applySettingsRemedy(id, settings);
    return next === null ? [] : [{ kind: 'settings', id, next }];
  });
}
