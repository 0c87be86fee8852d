// One line under the toolbar for what the user should know now: a refused connection and its reason,
// a file that could not be opened (with its line and column). Dismissible; errors are announced.
import { useTranslation } from 'react-i18next';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';

export function NoticeBar() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const notice = useEditor((s) => s.notice);
  return (
    <div className="notice-slot" aria-live="polite">
      {notice && (
        <div
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <span className="notice-text">{notice.text}</span>
          <button
            type="button"
            aria-label={t('common.dismiss')}
            onClick={() => store.getState().notify(null)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
