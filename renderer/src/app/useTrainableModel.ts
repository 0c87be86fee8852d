// What the training panel needs from the editor: the model as a file when the graph is valid, else the
// reason it cannot be trained: the first real problem, naming its layer, in the UI language, or, when
// layers are only not wired in yet, the same calm sentence the canvas shows. Recomputed only when the
// graph's structure, its name or the language changes, never while nodes are dragged.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../engine';
import { realIssues } from '../../../engine/connectivity';
import { useNotConnectedText } from '../editor/canvas/useNotConnectedText';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { issueText } from '../i18n/issue-text';

export interface TrainableModel {
  readonly model: ModelFile | null;
  readonly blockedReason: string | null;
}

export function useTrainableModel(): TrainableModel {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const analysis = useEditor((s) => s.analysis);
  const connectivity = useEditor((s) => s.connectivity);
  const modelName = useEditor((s) => s.modelName);
  const notConnected = useNotConnectedText();
  return useMemo(() => {
    const first = realIssues(analysis.issues, connectivity)[0];
    if (first !== undefined) {
      // Messages with an id name their layer themselves.
      const layer = first.where.nodeId ? analysis.byId.get(first.where.nodeId)?.name : undefined;
      const text = issueText(t, first);
      return { model: null, blockedReason: layer && !first.messageId ? `${layer}: ${text}` : text };
    }
    if (notConnected !== null) return { model: null, blockedReason: notConnected };
    if (analysis.issues[0] !== undefined)
      return { model: null, blockedReason: issueText(t, analysis.issues[0]) };
    if (analysis.nodes.length === 0) return { model: null, blockedReason: t('training.controls.emptyModel') };
    return { model: store.getState().toModelFile(), blockedReason: null };
    // modelName is listed because the model file carries it.
  }, [analysis, connectivity, notConnected, modelName, store, t]);
}
