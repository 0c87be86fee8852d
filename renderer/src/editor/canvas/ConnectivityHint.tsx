// The one calm line shown while layers are simply not wired in yet ("2 layers are not connected:
// dense_1, flatten"); clicking it selects them. An unfinished graph is not an error, so no node turns red.
import { useTranslation } from 'react-i18next';
import { useEditor, useEditorStoreApi } from '../EditorContext';
import { useNotConnectedText } from './useNotConnectedText';

export function ConnectivityHint() {
  const store = useEditorStoreApi();
  const ids = useEditor((s) => s.connectivity.notConnected);
  const text = useNotConnectedText();
  const { t } = useTranslation();
  return (
    <div aria-live="polite">
      {text !== null && (
        <button
          type="button"
          className="canvas-hint"
          data-testid="not-connected-hint"
          title={`${text}\n${t('editor.hint.select')}`}
          onClick={() => store.getState().selectNodes(ids)}
        >
          {text}
        </button>
      )}
    </div>
  );
}
