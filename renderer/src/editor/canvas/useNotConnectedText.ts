// The sentence naming the layers that are not connected yet, or null when every layer is wired in:
// the canvas hint shows it, and Train gives it as its reason.
import { useTranslation } from 'react-i18next';
import { useEditor } from '../EditorContext';

export function useNotConnectedText(): string | null {
  const { t } = useTranslation();
  const names = useEditor((s) =>
    s.connectivity.notConnected.map((id) => s.analysis.byId.get(id)?.name ?? id).join(', '),
  );
  const count = useEditor((s) => s.connectivity.notConnected.length);
  return count === 0 ? null : t('editor.hint.notConnected', { count, names });
}
