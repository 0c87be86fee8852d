// One node's health and time from the run on show's latest statistics (null without any).
import { useEditor } from '../editor/EditorContext';
import { graphInsight, type NodeInsight } from './graph-insight';
import { selectFailureOriginOnShow, selectStatsOnShow, useTrainingSelect } from './useRunOnShow';

export function useNodeInsight(id: string): NodeInsight | null {
  const event = useTrainingSelect(selectStatsOnShow);
  const origin = useTrainingSelect(selectFailureOriginOnShow);
  const analysis = useEditor((s) => s.analysis);
  return event === null ? null : (graphInsight(event, analysis, origin).get(id) ?? null);
}
