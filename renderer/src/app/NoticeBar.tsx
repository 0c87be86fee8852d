// One line under the toolbar for what the user should know now: a refused connection and its reason,
// a file that could not be opened (with its line and column). Dismissible; errors are announced. A
// refused connection that an inserted layer would fix offers that fix as a button (one undo step).
import { useTranslation } from 'react-i18next';
import type { ConnectionFix } from '../editor/connection-fixes';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { formatShape } from '../editor/format';
import { issueText } from '../i18n/issue-text';
import './notice.css';

function useFixLabel(): (fix: ConnectionFix) => string {
  const { t } = useTranslation();
  return (fix) => {
    if (fix.kind === 'reshape')
      return t('editor.fix.reshape', { shape: formatShape(fix.params.target_shape) });
    if (fix.kind === 'conv1x1') return t('editor.fix.conv1x1', { filters: fix.params.filters });
    return t('editor.fix.insert', { type: fix.type });
  };
}

export function NoticeBar() {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const notice = useEditor((s) => s.notice);
  const label = useFixLabel();
  const fixes = notice?.fixes;
  return (
    <div className="notice-slot" aria-live="polite">
      {notice && (
        <div
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <span className="notice-text">
            {issueText(t, { message: notice.text, messageId: notice.messageId, values: notice.values })}
          </span>
          {fixes && (
            <span className="notice-fixes" role="group" aria-label={t('editor.fix.label')}>
              {fixes.fixes.map((fix) => (
                <button
                  key={label(fix)}
                  type="button"
                  className="notice-fix"
                  onClick={() => store.getState().applyFix(fixes.source, fixes.target, fix)}
                >
                  {label(fix)}
                </button>
              ))}
            </span>
          )}
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
