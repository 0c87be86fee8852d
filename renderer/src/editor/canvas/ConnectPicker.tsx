// "Connect to…": with one layer selected, a list of the other layers by name; Enter connects the
// selected layer's output to the picked layer's input (a refused connection shows its reason and fixes
// in the notice bar, as when drawn with the mouse).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useEditorStoreApi } from '../EditorContext';
import { SearchPicker } from './SearchPicker';

export interface ConnectPickerProps {
  readonly sourceId: string;
  readonly at: { readonly x: number; readonly y: number };
  readonly onClose: () => void;
}

export function ConnectPicker({ sourceId, at, onClose }: ConnectPickerProps) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const analysis = useEditor((s) => s.analysis);
  const source = analysis.byId.get(sourceId)?.name ?? sourceId;
  const candidates = useMemo(
    () =>
      analysis.nodes
        .filter((n) => n.id !== sourceId && (n.definition?.inputs.max ?? 1) > 0)
        .map((n) => ({ id: n.id, label: n.name, detail: n.type })),
    [analysis, sourceId],
  );
  return (
    <SearchPicker
      testId="connect-picker"
      title={t('editor.connectTo.title', { name: source })}
      placeholder={t('editor.connectTo.placeholder')}
      empty={t('editor.connectTo.none')}
      candidates={candidates}
      style={{ left: at.x, top: at.y }}
      onClose={onClose}
      onPick={(target) => {
        store.getState().connect(sourceId, target);
        onClose();
      }}
    />
  );
}
